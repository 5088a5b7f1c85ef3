using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.IntegrationTests.Newsroom;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Backups;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Operations;

public sealed class BackupTests : IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "newssite-tests", $"backups-{Guid.NewGuid():n}");

    private static void SkipOnPostgres() =>
        Skip.If(TestDatabase.Engine == DatabaseEngine.Postgres, "The database file is SQLite's; on PostgreSQL the backup holds media only (pg_dump does the database).");

    private string Scratch(string name) => Path.Combine(scratch, name);

    [SkippableFact]
    public async Task Backup_WhileAnEditorKeepsSaving_IsAWholeCopyThatPassesTheIntegrityCheck()
    {
        SkipOnPostgres();
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await site.WithDbAsync((db, _) => db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var token = await editor.TokenAsync("/admin/articles/new");
        var before = await site.WithDbAsync((db, _) => db.Articles.CountAsync());
        var saved = 0;
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var fields = ArticleFields.For(null, 0, $"Council meets again {Guid.NewGuid():n}", section).Append(new("__RequestVerificationToken", token));
                var response = await editor.Http.PostAsync("/admin/articles/save", new FormUrlEncodedContent(fields));
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Interlocked.Increment(ref saved);
                }
                else
                {
                    failures.Add($"{(int)response.StatusCode}");
                }
            }
        });
        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref saved) >= 5 ? (int?)saved : null), TimeSpan.FromSeconds(30), "the editor's first saves");

        var backups = site.Services.GetRequiredService<BackupService>();
        var savedBefore = Volatile.Read(ref saved);
        var results = new List<BackupResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await backups.WriteAsync(Scratch($"b{i}"), CancellationToken.None));
        }
        var savedDuring = Volatile.Read(ref saved) - savedBefore;
        await stop.CancelAsync();
        await writer;
        var after = await site.WithDbAsync((db, _) => db.Articles.CountAsync());

        Assert.Empty(failures);
        Assert.True(savedDuring > 0, "the site kept saving while the backups ran");
        foreach (var result in results)
        {
            var copy = Path.Combine(result.Folder, "news.db");
            await using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
            var articles = Convert.ToInt32(await ScalarAsync(connection, "SELECT COUNT(*) FROM Articles"));
            Assert.InRange(articles, before + 5, after);
            Assert.Equal(articles, result.Manifest.Counts.Articles);
            Assert.Equal(Convert.ToInt32(await ScalarAsync(connection, "SELECT COUNT(*) FROM ArticleRevisions")), result.Manifest.Counts.Revisions);
            Assert.NotNull(result.Manifest.LastMigration);
            Assert.Equal(await SqliteSha256Async(copy), result.Manifest.Files.Single(f => f.Path == "news.db").Sha256);
            Assert.Empty(Directory.EnumerateDirectories(scratch, ".incomplete-*"));
        }
    }

    [SkippableFact]
    public async Task BackupAndRestoreCommands_IntoANewFolder_BringBackEveryArticleRevisionSubscriberAndImage()
    {
        SkipOnPostgres();
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await site.WithDbAsync((db, _) => db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var title = $"Harbour wall repaired {Guid.NewGuid():n}";
        var created = await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, title, section), tokenFrom: "/admin/articles/new");
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var version = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(id, version, title, section, body: "A second draft.\n\nWith more."), tokenFrom: $"/admin/articles/{id}")).StatusCode);
        version = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/articles/publish", ArticleFields.For(id, version, title, section, body: "The final text.\n\nAs published."), tokenFrom: $"/admin/articles/{id}")).StatusCode);
        var email = $"reader-{Guid.NewGuid():n}@example.org";
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Source"] = "/city/some-story" }))).StatusCode);
        var upload = await MediaFiles.UploadAsync(editor, MediaFiles.Image(1200, 800, SKEncodedImageFormat.Jpeg), "quay.jpg", "image/jpeg", "The quay at dawn");
        Assert.True(upload.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"upload answered {(int)upload.StatusCode}");
        var original = await site.WithDbAsync((db, _) => Snapshot.TakeAsync(db));
        var image = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == "The quay at dawn"));
        var imageBytes = await File.ReadAllBytesAsync(Path.Combine(site.MediaDirectory, image.StoragePath));
        Assert.Contains(original.RevisionsList, r => r.StartsWith($"{id}:", StringComparison.Ordinal));

        // The backup command, while the site runs.
        var folder = Scratch("nightly");
        var (backupExit, backupOutput) = await SiteProcess.RunAsync(["backup", folder], SiteProcess.Configured(site.DataDirectory, site.ConnectionString));
        Assert.True(backupExit == 0, backupOutput);
        Assert.Contains($"Backed up to {folder}", backupOutput);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));

        // The restore command, into the data folder of a site that has not started yet.
        await using var restored = new NewsSiteFactory();
        var configured = SiteProcess.Configured(restored.DataDirectory, restored.ConnectionString);
        var (restoreExit, restoreOutput) = await SiteProcess.RunAsync(["restore", folder], configured);
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("Restored the backup", restoreOutput);

        Assert.Equal(original, await restored.WithDbAsync((db, _) => Snapshot.TakeAsync(db)));
        var reader = restored.CreateBrowserlessClient();
        var article = await restored.WithDbAsync((db, _) => db.Articles.Include(a => a.Section).SingleAsync(a => a.Id == id));
        var page = await reader.GetAsync(article.UrlOf());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(title, await page.Content.ReadAsStringAsync());
        var served = await reader.GetAsync($"/media/{image.StoragePath}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(imageBytes, await served.Content.ReadAsByteArrayAsync());
        Assert.True(await restored.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email == email)));

        // A database is there now: a second restore refuses without --force, and a wrong call says how to call it.
        var (againExit, againOutput) = await SiteProcess.RunAsync(["restore", folder], configured);
        Assert.Equal(1, againExit);
        Assert.Contains("already exists", againOutput);
        Assert.Contains("--force", againOutput);
        var (usageExit, usageOutput) = await SiteProcess.RunAsync(["restore"], configured);
        Assert.Equal(2, usageExit);
        Assert.Contains("Usage: dotnet NewsSite.Web.dll restore FOLDER", usageOutput);
    }

    [SkippableFact]
    public async Task RestoreWithForce_KeepsTheDatabaseThatWasThereAside()
    {
        SkipOnPostgres();
        await using var site = new BackupSiteFactory();
        await site.WithDbAsync(db => db.Sections.AnyAsync());
        var backup = await site.Services.GetRequiredService<BackupService>().WriteAsync(Scratch("b"), CancellationToken.None);
        var data = Scratch("other-site");
        var database = Path.Combine(data, "news.db");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(database, "the old database");
        await File.WriteAllTextAsync(database + "-wal", "its log");

        var (exit, output) = await SiteProcess.RunAsync(["restore", backup.Folder, "--force"], SiteProcess.Configured(data, $"Data Source={database}"));

        Assert.True(exit == 0, output);
        var aside = Directory.GetFiles(data, "news.db.before-restore-*").Order().ToList();
        Assert.Equal(2, aside.Count);
        Assert.Equal("the old database", await File.ReadAllTextAsync(aside[0]));
        Assert.Equal("its log", await File.ReadAllTextAsync(aside[1]));
        Assert.False(File.Exists(database + "-wal"));
        Assert.Equal(backup.Manifest.Files.Single(f => f.Path == "news.db").Sha256, await SqliteSha256Async(database));
    }

    [Fact]
    public async Task Restore_OfAChangedByteOrAMissingManifest_IsRefused_AndTouchesNothing()
    {
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        await MediaFiles.UploadAsync(editor, MediaFiles.Image(600, 400, SKEncodedImageFormat.Png), "chart.png", "image/png", "A chart");
        var backups = site.Services.GetRequiredService<BackupService>();
        var backup = await backups.WriteAsync(Scratch("b"), CancellationToken.None);
        var media = backup.Manifest.Files.First(f => f.Path.StartsWith("media/", StringComparison.Ordinal));
        var copied = Path.Combine(backup.Folder, media.Path);
        var live = Path.Combine(site.MediaDirectory, media.Path["media/".Length..]);
        var liveBefore = await File.ReadAllBytesAsync(live);
        var bytes = await File.ReadAllBytesAsync(copied);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(copied, bytes);
        // Any file the site holds would do: this one is the one the backup now has a different byte of.
        File.Delete(live);
        var restorer = site.Services.GetRequiredService<BackupRestorer>();

        var damaged = await Assert.ThrowsAsync<BackupRefusedException>(() => restorer.RestoreAsync(backup.Folder, force: true, TextWriter.Null, CancellationToken.None));

        Assert.Contains($"{media.Path} does not match its SHA-256", damaged.Message);
        Assert.Contains("nothing was restored", damaged.Message);
        Assert.False(File.Exists(live));
        await File.WriteAllBytesAsync(live, liveBefore);

        File.Delete(Path.Combine(backup.Folder, "manifest.json"));
        var incomplete = await Assert.ThrowsAsync<BackupRefusedException>(() => restorer.RestoreAsync(backup.Folder, force: true, TextWriter.Null, CancellationToken.None));
        Assert.Contains("manifest.json is missing or unreadable", incomplete.Message);

        // Nor is a backup written over another one, or mixed with other files.
        var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => backups.WriteAsync(backup.Folder, CancellationToken.None));
        Assert.Contains("not empty", refused.Message);
    }

    [Fact]
    public async Task Backup_HoldsTheDatabaseOnSqlite_AndOnPostgresTheMediaOnly_AndSaysSo()
    {
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        await MediaFiles.UploadAsync(editor, MediaFiles.Image(600, 400, SKEncodedImageFormat.Jpeg), "a.jpg", "image/jpeg", "A picture");

        var backup = await site.Services.GetRequiredService<BackupService>().WriteAsync(Scratch("b"), CancellationToken.None);

        var inFolder = Directory.EnumerateFiles(backup.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(backup.Folder, f).Replace('\\', '/')).Where(f => f != "manifest.json").Order().ToList();
        Assert.Equal(backup.Manifest.Files.Select(f => f.Path).Order().ToList(), inFolder);
        Assert.True(backup.Manifest.Counts.MediaFiles >= 1);
        Assert.Equal(backup.Manifest.Counts.MediaFiles, inFolder.Count(f => f.StartsWith("media/", StringComparison.Ordinal)));
        Assert.Empty(backup.Manifest.MissingMedia);
        if (TestDatabase.Engine == DatabaseEngine.Postgres)
        {
            Assert.Null(backup.Manifest.Database);
            Assert.DoesNotContain("news.db", inFolder);
            Assert.Contains("pg_dump", backup.Manifest.Note);
        }
        else
        {
            Assert.Equal("news.db", backup.Manifest.Database);
            Assert.Contains("news.db", inFolder);
        }
    }

    [SkippableFact]
    public async Task RestoreCommand_OnPostgres_PutsTheMediaBack_AndSaysToRestoreTheDatabaseWithPgRestore()
    {
        Skip.If(TestDatabase.Engine != DatabaseEngine.Postgres, "PostgreSQL's media-only restore; SQLite's whole restore is tested above.");
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        await MediaFiles.UploadAsync(editor, MediaFiles.Image(600, 400, SKEncodedImageFormat.Jpeg), "b.jpg", "image/jpeg", "Another picture");
        var backup = await site.Services.GetRequiredService<BackupService>().WriteAsync(Scratch("b"), CancellationToken.None);
        var data = Scratch("new-node");

        var (exit, output) = await SiteProcess.RunAsync(["restore", backup.Folder], SiteProcess.Configured(data, site.ConnectionString));

        Assert.True(exit == 0, output);
        Assert.Contains("pg_restore", output);
        foreach (var file in backup.Manifest.Files)
        {
            Assert.True(File.Exists(Path.Combine(data, file.Path)), $"{file.Path} restored");
        }
    }

    [Fact]
    public async Task Schedule_BacksUpWhenTheNewestIsEveryHoursOld_AndKeepsOnlyTheNewest()
    {
        await using var site = new BackupSiteFactory(everyHours: 24, keep: 2);
        _ = site.Services;
        var backups = site.Services.GetRequiredService<BackupService>();
        Directory.CreateDirectory(Path.Combine(site.BackupsDirectory, "operator-notes"));
        await File.WriteAllTextAsync(Path.Combine(site.BackupsDirectory, "operator-notes", "readme.txt"), "kept");

        // No backup yet: the first check makes one.
        var first = await Poll.UntilAsync(() => Task.FromResult(backups.List().Backups.FirstOrDefault()), TimeSpan.FromSeconds(30), "the first scheduled backup");
        site.Clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(TimeSpan.FromSeconds(0.5)); // several checks: none is due yet
        Assert.Single(backups.List().Backups);

        site.Clock.Advance(TimeSpan.FromHours(2));
        await Poll.UntilAsync(() => Task.FromResult(backups.List().Backups.Count == 2 ? "" : null), TimeSpan.FromSeconds(30), "the second scheduled backup");
        site.Clock.Advance(TimeSpan.FromHours(25));
        var third = await Poll.UntilAsync(() => Task.FromResult(backups.List().Backups.FirstOrDefault(b => b.CreatedAt > first.CreatedAt.AddHours(48))), TimeSpan.FromSeconds(30), "the third scheduled backup");
        // Retention runs just after the new backup is in place.
        await Poll.UntilAsync(() => Task.FromResult(Directory.Exists(Path.Combine(site.BackupsDirectory, first.Name)) ? null : ""), TimeSpan.FromSeconds(30), "the oldest backup to be deleted");

        var kept = backups.List().Backups;
        Assert.Equal(2, kept.Count);
        Assert.Equal(third.Name, kept[0].Name);
        Assert.DoesNotContain(kept, b => b.Name == first.Name);
        Assert.True(kept.All(b => b.Complete));
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(site.BackupsDirectory, "operator-notes", "readme.txt")));
    }

    [Fact]
    public async Task BackUpNow_ByAnAdministrator_MakesABackupInTheList_AndIsAudited()
    {
        await using var site = new BackupSiteFactory(everyHours: 0);
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        Assert.Contains("No backups yet", await admin.GetStringAsync("/admin/backups"));
        Assert.Contains("href=\"/admin/backups\"", await admin.GetStringAsync("/admin"));

        var response = await admin.PostFormAsync("/admin/backups/now", [], tokenFrom: "/admin/backups");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/backups", response.Headers.Location?.OriginalString);
        var page = await Poll.UntilAsync(async () => await admin.GetStringAsync("/admin/backups") is var html && html.Contains("data-backup=\"") ? html : null,
            TimeSpan.FromSeconds(30), "the backup to be listed");
        Assert.Contains("Complete", page);
        Assert.Single(site.Services.GetRequiredService<BackupService>().List().Backups);
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == AuditActions.BackupRequested)));
    }

    [Fact]
    public async Task BackupsPage_IsForAdministratorsOnly()
    {
        await using var site = new BackupSiteFactory();
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var page = await editor.Http.GetAsync("/admin/backups");
        var post = await editor.PostFormAsync("/admin/backups/now", []);

        Assert.StartsWith("https://localhost/admin/access-denied", page.Headers.Location?.ToString());
        Assert.StartsWith("https://localhost/admin/access-denied", post.Headers.Location?.ToString());
        Assert.DoesNotContain("/admin/backups", await editor.GetStringAsync("/admin"));
        Assert.False(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == AuditActions.BackupRequested)));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> SqliteSha256Async(string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));

    /// <summary>What a restore must bring back, as comparable text.</summary>
    private sealed record Snapshot(string Articles, string Revisions, string Subscribers, string Media, string Consents)
    {
        public IEnumerable<string> RevisionsList => Revisions.Split('\n');

        public static async Task<Snapshot> TakeAsync(NewsSite.Data.NewsDbContext db) => new(
            string.Join('\n', await db.Articles.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Title}:{a.Status}:{a.Version}:{a.BodyMarkdown}").ToListAsync()),
            string.Join('\n', await db.ArticleRevisions.OrderBy(r => r.Id).Select(r => $"{r.ArticleId}:{r.Id}:{r.Title}:{r.BodyMarkdown}").ToListAsync()),
            string.Join('\n', await db.Subscribers.OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Email}:{s.Status}").ToListAsync()),
            string.Join('\n', await db.Media.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.StoragePath}:{m.VariantWidths}:{m.AltText}").ToListAsync()),
            string.Join('\n', await db.ConsentEvents.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.SubscriberId}").ToListAsync()));
    }

    public void Dispose()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
