using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Media files in a folder: by default <c>media</c> in the data folder, or <c>Storage:MediaDirectory</c>, which several nodes
/// can point at one shared volume (NFS, a bind mount). Each file is written under a hidden temporary name in its own
/// folder, flushed to disk and then renamed: a rename within one folder is atomic on local disks and on NFS, so a
/// reader on any node never finds half an image under its final name.
/// </summary>
public sealed class LocalMediaStorage : IMediaStorage, IDisposable
{
    // Dot-prefixed: PhysicalFileProvider's default filters never serve such names, so a file being written is invisible.
    private const string TemporaryPrefix = ".incoming-";

    private readonly string root;
    private readonly PhysicalFileProvider files;

    public LocalMediaStorage(string root)
    {
        this.root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(this.root);
        files = new PhysicalFileProvider(this.root, ExclusionFilters.Sensitive);
    }

    public IFileProvider Files => files;

    public async Task WriteAsync(string storagePath, Stream content, CancellationToken cancellationToken)
    {
        var final = FullPath(storagePath) ?? throw new ArgumentException($"'{storagePath}' is not a path inside the media folder.", nameof(storagePath));
        var folder = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Guid.NewGuid():n}");
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(output, cancellationToken);
                // On disk before the rename: after a power cut the final name holds the whole file or nothing.
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, final, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task DeleteAsync(string storagePath, CancellationToken cancellationToken)
    {
        if (FullPath(storagePath) is { } full && File.Exists(full))
        {
            File.Delete(full);
        }
        return Task.CompletedTask;
    }

    public void Dispose() => files.Dispose();

    /// <summary>The file's full path, or null when the storage path would leave the media folder ("../keys/…", an absolute path).</summary>
    private string? FullPath(string storagePath)
    {
        if (string.IsNullOrWhiteSpace(storagePath) || Path.IsPathRooted(storagePath))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(root, storagePath));
        return full.StartsWith(root, StringComparison.Ordinal) && full.Length > root.Length ? full : null;
    }
}
