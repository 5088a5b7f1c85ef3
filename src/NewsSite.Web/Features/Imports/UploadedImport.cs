using System.IO.Compression;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Imports.Ghost;
using NewsSite.Web.Features.Imports.WordPress;

namespace NewsSite.Web.Features.Imports;

/// <summary>
/// The admin page's imports: the uploaded export, and for WordPress a .zip of the uploads folder unpacked (images only,
/// within the configured limits, never outside its temporary folder) so the importer reads it as it reads --media.
/// </summary>
public sealed class UploadedImport(WordPressImporter wordPress, GhostImporter ghost, IOptions<ImportOptions> options, ILogger<UploadedImport> logger)
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".gif", ".webp" };

    public async Task<ImportReport> WordPressAsync(Stream export, Stream? uploadsZip, ImportActor actor, CancellationToken cancellationToken)
    {
        if (uploadsZip is null)
        {
            return await wordPress.ImportAsync(export, null, actor, cancellationToken);
        }
        var folder = Directory.CreateTempSubdirectory("newssite-import-").FullName;
        try
        {
            await UnpackAsync(uploadsZip, folder, cancellationToken);
            return await wordPress.ImportAsync(export, folder, actor, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not remove the unpacked uploads at {Folder}", folder);
            }
        }
    }

    public Task<ImportReport> GhostAsync(Stream export, Stream? members, ImportActor actor, CancellationToken cancellationToken) =>
        ghost.ImportAsync(export, members, actor, cancellationToken);

    /// <summary>Unpacks the images, each under its path below "uploads/" (or the archive's root): "2011/07/x.jpg".</summary>
    private async Task UnpackAsync(Stream zip, string folder, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new FormatException("The uploads file is not a .zip archive.");
        }
        using (archive)
        {
            long total = 0;
            var files = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/') || !ImageExtensions.Contains(Path.GetExtension(name)))
                {
                    continue;
                }
                var at = name.LastIndexOf("uploads/", StringComparison.OrdinalIgnoreCase);
                var relative = at >= 0 ? name[(at + "uploads/".Length)..] : name;
                var target = Path.GetFullPath(Path.Combine(folder, relative));
                if (relative.Split('/').Any(s => s is "" or "." or "..") || !target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }
                total += entry.Length;
                if (++files > limits.MaxMediaZipFiles || total > limits.MaxMediaZipBytes)
                {
                    throw new FormatException($"The uploads archive holds more than {limits.MaxMediaZipFiles} images or {limits.MaxMediaZipBytes / (1024 * 1024)} MB unpacked: import the export with the command line and --media instead.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = entry.Open();
                await using var destination = File.Create(target);
                // The declared length can lie: copy no more than it said.
                await CopyAtMostAsync(source, destination, entry.Length, cancellationToken);
            }
        }
    }

    private static async Task CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > limit)
            {
                throw new FormatException("The uploads archive is damaged (a file is larger than the archive says).");
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
