using System.Security.Cryptography;

namespace NewsSite.Web.Features.Backups;

/// <summary>Copying with a checksum, and checking a backup's files against its manifest.</summary>
public static class BackupFiles
{
    /// <summary>Copies a file that must not exist yet, flushed to disk, and returns its size and SHA-256 as read.</summary>
    public static async Task<BackupFile> CopyAsync(string source, string target, string manifestPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                bytes += read;
            }
            output.Flush(flushToDisk: true);
        }
        return new BackupFile(manifestPath, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(input, cancellationToken));
    }

    /// <summary>
    /// The full path of a manifest's file inside <paramref name="root"/>, or null when the manifest names something
    /// outside it ("../…", an absolute path): a backup folder is data from disk, and restore writes where it says.
    /// </summary>
    public static string? Inside(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains('\\'))
        {
            return null;
        }
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        return full.StartsWith(rootFull, StringComparison.Ordinal) && full.Length > rootFull.Length ? full : null;
    }

    /// <summary>
    /// What is wrong with the backup in <paramref name="folder"/>: no manifest, files missing, or (with
    /// <paramref name="checksums"/>) any byte changed. Empty when it is whole.
    /// </summary>
    public static async Task<List<string>> ProblemsAsync(string folder, BackupManifest? manifest, bool checksums, CancellationToken cancellationToken)
    {
        if (manifest is null)
        {
            return [$"{Path.Combine(folder, BackupManifest.FileName)} is missing or unreadable, so this is not a complete backup"];
        }
        var problems = new List<string>();
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            problems.Add($"the manifest's format is {manifest.Format}; this version reads format {BackupManifest.CurrentFormat}");
        }
        if (manifest.Database is not null && manifest.Files.All(f => f.Path != manifest.Database))
        {
            problems.Add($"the manifest names the database {manifest.Database} but lists no such file");
        }
        foreach (var file in manifest.Files)
        {
            var path = Inside(folder, file.Path);
            if (path is null || !(file.Path == manifest.Database || file.Path.StartsWith(BackupManifest.MediaFolder + "/", StringComparison.Ordinal)))
            {
                problems.Add($"the manifest names {file.Path}, which is not a place a backup holds files");
                continue;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"{file.Path} is missing");
            }
            else if (info.Length != file.Bytes)
            {
                problems.Add($"{file.Path} has {info.Length} bytes, the manifest says {file.Bytes}");
            }
            else if (checksums && !string.Equals(await Sha256Async(path, cancellationToken), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file.Path} does not match its SHA-256 in the manifest (changed or damaged)");
            }
            if (problems.Count >= 20)
            {
                problems.Add("… and perhaps more");
                break;
            }
        }
        return problems;
    }
}
