using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Database;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Backups;

/// <summary>A backup that was made: where, and what its manifest says.</summary>
public sealed record BackupResult(string Folder, BackupManifest Manifest, long Bytes);

/// <summary>A backup in the backups folder, as the newsroom's list shows it.</summary>
public sealed record BackupListing(string Name, DateTime CreatedAt, long Bytes, BackupCounts Counts, bool HasDatabase, bool Complete, string? Problem, int MissingMedia);

/// <summary>Refused before anything was written or replaced: the message says why and what to do.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

/// <summary>
/// Makes backups: the database copied as of one instant while the site keeps serving (<see cref="IDatabaseFile"/>;
/// on a server engine there is no copy and the manifest says to use its own tools), then the media folder, then the
/// manifest. In that order because media files are written before the row that names them and never rewritten: every
/// file the copied database names already exists when the media copy starts. Everything goes into a hidden folder
/// beside the target that is renamed at the end, so a backup cut short is never taken for a whole one.
/// </summary>
public sealed class BackupService(IServiceScopeFactory scopes, DataPaths paths, TimeProvider clock, IOptions<BackupOptions> options, ILogger<BackupService> logger)
{
    private const string IncompletePrefix = ".incomplete-";

    /// <summary>The backups folder (Backups:Directory, under the data folder when relative).</summary>
    public string Directory => Path.GetFullPath(Path.Combine(paths.DataDirectory, options.Value.Directory));

    /// <summary>
    /// Writes one backup into <paramref name="folder"/>, which must not exist or be empty: a backup is never mixed
    /// with other files or written over another.
    /// </summary>
    public async Task<BackupResult> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target) || (System.IO.Directory.Exists(target) && System.IO.Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new BackupRefusedException($"{target} already exists and is not empty; give a new or empty folder.");
        }
        var parent = Path.GetDirectoryName(target)!;
        System.IO.Directory.CreateDirectory(parent);
        var working = Path.Combine(parent, $"{IncompletePrefix}{Path.GetFileName(target)}-{Guid.NewGuid():n}");
        System.IO.Directory.CreateDirectory(working);
        try
        {
            var manifest = await WriteIntoAsync(working, cancellationToken);
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Delete(target);
            }
            System.IO.Directory.Move(working, target);
            var bytes = manifest.Files.Sum(f => f.Bytes);
            logger.LogInformation("Backed up to {Folder}: {Articles} articles, {MediaFiles} media files, {Bytes} bytes",
                target, manifest.Counts.Articles, manifest.Counts.MediaFiles, bytes);
            return new BackupResult(target, manifest, bytes);
        }
        catch
        {
            TryDelete(working);
            throw;
        }
    }

    /// <summary>A backup into the backups folder, named for its time, then the oldest beyond Backups:Keep deleted.</summary>
    public async Task<BackupResult> BackUpNowAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref running);
        try
        {
            return await BackUpIntoDirectoryAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    // Counted in this process: the list says "being made now" only while this node makes one (a hidden folder may be
    // a dead run's leftover, removed at the next backup).
    private int running;

    private async Task<BackupResult> BackUpIntoDirectoryAsync(CancellationToken cancellationToken)
    {
        var root = Directory;
        System.IO.Directory.CreateDirectory(root);
        // Only the holder of the backup lease writes here, so a hidden folder left over is a run that died.
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(root, IncompletePrefix + "*"))
        {
            TryDelete(leftover);
        }
        var name = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var folder = Path.Combine(root, name);
        for (var n = 2; System.IO.Directory.Exists(folder); n++)
        {
            folder = Path.Combine(root, $"{name}-{n}");
        }
        var result = await WriteAsync(folder, cancellationToken);
        DeleteBeyondKeep(root);
        return result;
    }

    /// <summary>The backups in the backups folder, newest first, and whether one is being made now.</summary>
    public (IReadOnlyList<BackupListing> Backups, bool InProgress) List()
    {
        var root = Directory;
        if (!System.IO.Directory.Exists(root))
        {
            return ([], Volatile.Read(ref running) > 0);
        }
        var inProgress = Volatile.Read(ref running) > 0;
        var listed = Complete(root).Select(backup =>
        {
            // Sizes only: reading every byte for a list is too slow; restore checks every checksum.
            var problems = BackupFiles.ProblemsAsync(backup.Folder, backup.Manifest, checksums: false, CancellationToken.None).GetAwaiter().GetResult();
            var manifest = backup.Manifest;
            return new BackupListing(Path.GetFileName(backup.Folder), manifest.CreatedAt, manifest.Files.Sum(f => f.Bytes), manifest.Counts,
                manifest.Database is not null, problems.Count == 0, problems.FirstOrDefault(), manifest.MissingMedia.Count);
        }).ToList();
        return (listed, inProgress);
    }

    /// <summary>When the newest backup in the backups folder was made, if any.</summary>
    public DateTime? Newest()
    {
        var root = Directory;
        return System.IO.Directory.Exists(root) ? Complete(root).Select(b => (DateTime?)b.Manifest.CreatedAt).Max() : null;
    }

    private async Task<BackupManifest> WriteIntoAsync(string working, CancellationToken cancellationToken)
    {
        var createdAt = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var live = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var databaseFile = scope.ServiceProvider.GetService<IDatabaseFile>();
        var files = new List<BackupFile>();

        // 1. The database, as of one instant.
        NewsDbContext? copy = null;
        string? note = null;
        if (databaseFile is not null)
        {
            if (!File.Exists(databaseFile.Path))
            {
                throw new BackupRefusedException($"There is no database at {databaseFile.Path} (ConnectionStrings:News) to back up.");
            }
            var copied = Path.Combine(working, BackupManifest.DatabaseFileName);
            await databaseFile.CopyToAsync(copied, cancellationToken);
            if (await databaseFile.CheckAsync(copied, cancellationToken) is { } damage)
            {
                throw new InvalidOperationException($"The database copy failed SQLite's integrity check ({damage}); the live database may need attention.");
            }
            files.Add(new BackupFile(BackupManifest.DatabaseFileName, new FileInfo(copied).Length, await BackupFiles.Sha256Async(copied, cancellationToken)));
            copy = databaseFile.Open(copied);
        }
        else
        {
            note = "The database is on a server (PostgreSQL) and is not in this backup: back it up with pg_dump at the same time (see the README). The counts are the live database's.";
        }

        // What the copy holds: counted in the copy itself, so the counts and media list match the copied instant.
        var db = copy ?? live;
        BackupCounts counts;
        string? lastMigration;
        List<(string StoragePath, string VariantWidths)> media;
        await using (copy)
        {
            counts = new BackupCounts(
                await db.Articles.CountAsync(cancellationToken),
                await db.ArticleRevisions.CountAsync(cancellationToken),
                await db.Subscribers.CountAsync(cancellationToken),
                await db.Media.CountAsync(cancellationToken),
                MediaFiles: 0);
            lastMigration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
            media = (await db.Media.AsNoTracking().Select(m => new { m.StoragePath, m.VariantWidths }).ToListAsync(cancellationToken))
                .Select(m => (m.StoragePath, m.VariantWidths)).ToList();
        }

        // 2. The media folder, after the database.
        var mediaRoot = paths.MediaDirectory;
        var copiedMedia = new HashSet<string>(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(mediaRoot))
        {
            foreach (var source in System.IO.Directory.EnumerateFiles(mediaRoot, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(mediaRoot, source).Replace(Path.DirectorySeparatorChar, '/');
                // Dot-names are files being written (.incoming-…) or probes, never media.
                if (relative.Split('/').Any(part => part.StartsWith('.')))
                {
                    continue;
                }
                try
                {
                    var manifestPath = $"{BackupManifest.MediaFolder}/{relative}";
                    files.Add(await BackupFiles.CopyAsync(source, Path.Combine(working, BackupManifest.MediaFolder, relative), manifestPath, cancellationToken));
                    copiedMedia.Add(relative);
                }
                catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException)
                {
                    // Deleted since it was listed: the image was unused, and the check below names it if the copy still does.
                }
            }
        }
        var missing = media
            .SelectMany(m => MediaUrls.ParseWidths(m.VariantWidths).Select(w => MediaUrls.VariantPath(m.StoragePath, w)).Prepend(m.StoragePath))
            .Where(path => !copiedMedia.Contains(path))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            logger.LogWarning("The backup's database names {Count} media files that were not in the media folder, first {Path}", missing.Count, missing[0]);
        }

        // 3. The manifest last: a folder with one is whole.
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, createdAt, AppVersion,
            copy is null ? null : BackupManifest.DatabaseFileName, lastMigration, counts with { MediaFiles = copiedMedia.Count },
            missing, files, note);
        await using (var output = new FileStream(Path.Combine(working, BackupManifest.FileName), FileMode.CreateNew, FileAccess.Write))
        {
            await output.WriteAsync(manifest.ToJson(), cancellationToken);
            output.Flush(flushToDisk: true);
        }
        return manifest;
    }

    private static IEnumerable<(string Folder, BackupManifest Manifest)> Complete(string root) =>
        System.IO.Directory.EnumerateDirectories(root)
            .Where(folder => !Path.GetFileName(folder).StartsWith('.'))
            .Select(folder => (Folder: folder, Manifest: BackupManifest.Read(folder)))
            .Where(b => b.Manifest is not null)
            .Select(b => (b.Folder, b.Manifest!))
            .OrderByDescending(b => b.Item2.CreatedAt)
            .ThenByDescending(b => b.Folder, StringComparer.Ordinal);

    // Only folders with a manifest count and are deleted: nothing else an operator keeps beside them is touched.
    private void DeleteBeyondKeep(string root)
    {
        foreach (var (folder, _) in Complete(root).Skip(options.Value.Keep).ToList())
        {
            // Hidden first, in one rename, so the list never shows a backup half deleted; a leftover goes next time.
            var hidden = Path.Combine(root, $"{IncompletePrefix}deleting-{Guid.NewGuid():n}");
            System.IO.Directory.Move(folder, hidden);
            TryDelete(hidden);
            logger.LogInformation("Deleted the old backup {Folder} (Backups:Keep is {Keep})", folder, options.Value.Keep);
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(exception, "Could not delete {Folder}", folder);
        }
    }

    public static string AppVersion { get; } =
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupService).Assembly.GetName().Version?.ToString() ?? "unknown";
}
