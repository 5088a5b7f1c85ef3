using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Refuses to start when the media folder cannot be created or written, with the reason: a shared volume that is not
/// mounted, or mounted read-only, should stop a node at start, not fail the first upload an editor makes.
/// </summary>
public sealed class MediaDirectoryValidation(DataPaths paths) : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        string folder;
        try
        {
            folder = paths.MediaDirectory;
        }
        catch (Exception invalid) when (invalid is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"Storage:MediaDirectory is not a valid folder path: {invalid.Message}");
        }
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():n}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception denied) when (denied is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"The media folder {folder} (Storage:MediaDirectory, default 'media' in Storage:DataDirectory) cannot be created or written: {denied.Message}");
        }
    }
}
