using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Features.Backups;

/// <summary>
/// Puts a backup back, the site stopped: into the database file ConnectionStrings:News names and the media folder
/// the configuration names. Nothing is touched until every checksum in the manifest holds and nothing would be lost
/// silently. Media files go first (new names only add), the database last and in one rename, so an interrupted
/// restore leaves either the old database or the new one, never half of one. A database already at the target is
/// replaced only with <c>--force</c>, and then kept beside it as <c>news.db.before-restore-TIME</c>.
/// </summary>
public sealed class BackupRestorer(IServiceScopeFactory scopes, DataPaths paths, TimeProvider clock, ILogger<BackupRestorer> logger)
{
    /// <summary>Restores the backup in <paramref name="folder"/> and tells <paramref name="output"/> what it did; throws <see cref="BackupRefusedException"/> before changing anything.</summary>
    public async Task RestoreAsync(string folder, bool force, TextWriter output, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(folder);
        if (!Directory.Exists(source))
        {
            throw new BackupRefusedException($"There is no backup folder at {source}.");
        }
        var manifest = BackupManifest.Read(source);
        await output.WriteLineAsync($"Checking every file of {source} against its manifest…");
        var problems = await BackupFiles.ProblemsAsync(source, manifest, checksums: true, cancellationToken);
        if (problems.Count > 0)
        {
            throw new BackupRefusedException($"The backup at {source} is incomplete or damaged, so nothing was restored:\n  - {string.Join("\n  - ", problems)}");
        }

        await using var scope = scopes.CreateAsyncScope();
        var databaseFile = scope.ServiceProvider.GetService<IDatabaseFile>();
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        // Every refusal before the first write.
        string? databaseTarget = null;
        if (manifest!.Database is not null)
        {
            if (databaseFile is null)
            {
                throw new BackupRefusedException("This backup holds a SQLite database, but this site is configured for PostgreSQL (Database:Provider); nothing was restored.");
            }
            databaseTarget = databaseFile.Path;
            if (File.Exists(databaseTarget) && !force)
            {
                throw new BackupRefusedException($"A database already exists at {databaseTarget}; nothing was restored. Stop the site, then run again with --force to replace it " +
                    $"(the current one is kept as {Path.GetFileName(databaseTarget)}.before-restore-{stamp}).");
            }
            if (await databaseFile.CheckAsync(Path.Combine(source, manifest.Database), cancellationToken) is { } damage)
            {
                throw new BackupRefusedException($"The backup's database fails SQLite's integrity check ({damage}); nothing was restored.");
            }
        }
        var mediaRoot = paths.MediaDirectory;
        var media = new List<(BackupFile File, string Target)>();
        var differing = new List<string>();
        foreach (var file in manifest.Files.Where(f => f.Path != manifest.Database))
        {
            var relative = file.Path[(BackupManifest.MediaFolder.Length + 1)..];
            var target = BackupFiles.Inside(mediaRoot, relative)!;
            if (File.Exists(target))
            {
                if (new FileInfo(target).Length == file.Bytes && await BackupFiles.Sha256Async(target, cancellationToken) == file.Sha256)
                {
                    continue;
                }
                differing.Add(relative);
            }
            media.Add((file, target));
        }
        if (differing.Count > 0 && !force)
        {
            throw new BackupRefusedException($"{differing.Count} media files in {mediaRoot} differ from the backup's (first: {differing[0]}); nothing was restored. " +
                "Run again with --force to replace them with the backup's.");
        }

        // Media first: files under new names are invisible until a database names them.
        foreach (var (file, target) in media)
        {
            var folderOfFile = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folderOfFile);
            // Dot-prefixed, as the site's own uploads are while written: never served half-written.
            var temporary = Path.Combine(folderOfFile, $".incoming-restore-{Guid.NewGuid():n}");
            await CopyCheckedAsync(Path.Combine(source, file.Path), temporary, file, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        await output.WriteLineAsync($"Media: {media.Count} files written into {mediaRoot} ({manifest.Files.Count(f => f.Path != manifest.Database) - media.Count} were there already).");

        if (databaseTarget is not null)
        {
            var database = manifest.Files.Single(f => f.Path == manifest.Database);
            var folderOfDatabase = Path.GetDirectoryName(databaseTarget)!;
            Directory.CreateDirectory(folderOfDatabase);
            var temporary = Path.Combine(folderOfDatabase, $"{Path.GetFileName(databaseTarget)}.restoring-{Guid.NewGuid():n}");
            await CopyCheckedAsync(Path.Combine(source, database.Path), temporary, database, cancellationToken);
            if (File.Exists(databaseTarget))
            {
                // The old database with its write-ahead log, under one new name, so it still opens as it was.
                var aside = $"{databaseTarget}.before-restore-{stamp}";
                File.Move(databaseTarget, aside);
                MoveIfThere(databaseTarget + "-wal", aside + "-wal");
                MoveIfThere(databaseTarget + "-shm", aside + "-shm");
                await output.WriteLineAsync($"The database that was there is kept as {aside}.");
            }
            // A log left without its database would be replayed into the restored one.
            File.Delete(databaseTarget + "-wal");
            File.Delete(databaseTarget + "-shm");
            File.Move(temporary, databaseTarget);
            await output.WriteLineAsync($"Database: {databaseTarget} restored ({database.Bytes} bytes; last migration {manifest.LastMigration ?? "none"}).");

            var known = scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.GetMigrations().ToList();
            if (manifest.LastMigration is { } last && !known.Contains(last))
            {
                await output.WriteLineAsync($"Warning: the backup's last migration, {last}, is unknown to this version ({BackupService.AppVersion}): it was made by a newer one. Run that version on it.");
            }
            else if (known.Count > 0 && known[^1] != manifest.LastMigration)
            {
                await output.WriteLineAsync($"This version has newer migrations: the site applies them when it starts (or run `{Infrastructure.Commands.SiteCommands.Invocation} migrate`).");
            }
        }
        else
        {
            await output.WriteLineAsync("This backup holds no database (it was made on PostgreSQL): restore the database with pg_restore from the dump taken with it (see the README).");
        }
        var counts = manifest.Counts;
        await output.WriteLineAsync($"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC: {counts.Articles} articles, {counts.Revisions} revisions, " +
            $"{counts.Subscribers} subscribers, {counts.MediaItems} images in {counts.MediaFiles} media files.");
        if (manifest.MissingMedia.Count > 0)
        {
            await output.WriteLineAsync($"Note: {manifest.MissingMedia.Count} media files the database names were not in the folder when the backup was made (deleted meanwhile), first {manifest.MissingMedia[0]}.");
        }
        logger.LogInformation("Restored the backup {Folder} made at {CreatedAt}", source, manifest.CreatedAt);
    }

    /// <summary>Copies and checks the copy against the manifest again: the restore trusts what it wrote, not what it read earlier.</summary>
    private static async Task CopyCheckedAsync(string from, string temporary, BackupFile expected, CancellationToken cancellationToken)
    {
        try
        {
            var copied = await BackupFiles.CopyAsync(from, temporary, expected.Path, cancellationToken);
            if (!string.Equals(copied.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupRefusedException($"{expected.Path} changed while it was being restored; the restore stopped before putting it in place.");
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void MoveIfThere(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Move(from, to);
        }
    }
}
