using NewsSite.Web.Infrastructure.Commands;

namespace NewsSite.Web.Features.Backups;

/// <summary><c>backup FOLDER</c> and <c>restore FOLDER [--force]</c>, run with the site's own configuration (SiteCommands).</summary>
public static class BackupCommands
{
    public const string BackupUsage = "backup FOLDER";
    public const string RestoreUsage = "restore FOLDER [--force]";

    public static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        if (args is not [var folder] || folder.StartsWith("--", StringComparison.Ordinal))
        {
            throw new CommandLineException("Give the folder to write the backup into (new, or empty).");
        }
        try
        {
            var result = await app.Services.GetRequiredService<BackupService>().WriteAsync(folder, app.Lifetime.ApplicationStopping);
            var manifest = result.Manifest;
            var counts = manifest.Counts;
            Console.WriteLine($"Backed up to {result.Folder} ({result.Bytes:N0} bytes, {manifest.Files.Count} files):");
            Console.WriteLine(manifest.Database is null
                ? $"  database: not included. {manifest.Note}"
                : $"  database: {manifest.Database} (last migration {manifest.LastMigration ?? "none"})");
            Console.WriteLine($"  {counts.Articles} articles, {counts.Revisions} revisions, {counts.Subscribers} subscribers, {counts.MediaItems} images");
            Console.WriteLine($"  media: {counts.MediaFiles} files");
            if (manifest.MissingMedia.Count > 0)
            {
                Console.WriteLine($"  note: {manifest.MissingMedia.Count} media files the database names were not in the media folder, first {manifest.MissingMedia[0]}");
            }
            Console.WriteLine($"  manifest: {Path.Combine(result.Folder, BackupManifest.FileName)}");
            return 0;
        }
        catch (BackupRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(WebApplication app, string[] args)
    {
        var force = args.Contains("--force");
        var rest = args.Where(a => a != "--force").ToArray();
        if (rest is not [var folder] || folder.StartsWith("--", StringComparison.Ordinal))
        {
            throw new CommandLineException("Give one backup folder (the one holding manifest.json); stop the site first.");
        }
        try
        {
            await app.Services.GetRequiredService<BackupRestorer>().RestoreAsync(folder, force, Console.Out, app.Lifetime.ApplicationStopping);
            return 0;
        }
        catch (BackupRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }
}
