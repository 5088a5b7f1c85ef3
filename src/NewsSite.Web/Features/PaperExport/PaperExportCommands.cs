using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Commands;

namespace NewsSite.Web.Features.PaperExport;

/// <summary>The operator's `export` and `import-newssite` commands (entries in <see cref="SiteCommands"/>).</summary>
public static class PaperExportCommands
{
    public const string ExportUsage = "export FOLDER";
    public const string ImportUsage = "import-newssite FOLDER|ZIP [--by NAME]";

    public static async Task<int> ExportAsync(WebApplication app, string[] args)
    {
        if (args is not [var folder] || folder.StartsWith('-'))
        {
            throw new CommandLineException("Name one folder to export into (new or empty).");
        }
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await using var writer = ExportWriter.ToFolder(folder);
            var exporter = scope.ServiceProvider.GetRequiredService<PaperExporter>();
            await exporter.RecordExportAsync("operator (command line)", Path.GetFullPath(folder), app.Lifetime.ApplicationStopping);
            var manifest = await exporter.ExportAsync(writer, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"Exported {manifest.PaperName} to {Path.GetFullPath(folder)}: " +
                string.Join(", ", manifest.Counts.Select(c => $"{c.Value} {c.Key}")) + ".");
            foreach (var missing in manifest.MissingMedia)
            {
                Console.WriteLine($"Missing from the media store (not exported): {missing}");
            }
            return 0;
        }
        catch (ExportException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    public static async Task<int> ImportAsync(WebApplication app, string[] args)
    {
        var (path, by) = args switch
        {
            [var p] when !p.StartsWith('-') => (p, "operator (command line)"),
            [var p, "--by", var name] when !p.StartsWith('-') && name.Trim().Length > 0 => (p, name.Trim()),
            _ => throw new CommandLineException("Name the export folder (or its .zip), optionally followed by --by NAME for the audit log."),
        };
        // A new database is brought up to date first, as `migrate` would (seeding the sample paper only if configured to).
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(app.Lifetime.ApplicationStopping);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<PaperImporter>().ImportAsync(path, by, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"Imported: {string.Join(", ", report.Counts.Select(c => $"{c.Value} {c.Key}"))}, {report.MediaFiles} media files.");
            foreach (var missing in report.MissingMedia)
            {
                Console.WriteLine($"Was missing in the source site, so not imported: {missing}");
            }
            return 0;
        }
        catch (ExportException e)
        {
            await Console.Error.WriteLineAsync($"Nothing was imported. {e.Message}");
            return 1;
        }
    }
}
