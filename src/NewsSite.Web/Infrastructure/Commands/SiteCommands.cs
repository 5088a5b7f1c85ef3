namespace NewsSite.Web.Infrastructure.Commands;

/// <summary>
/// The operator's commands: <c>dotnet NewsSite.Web.dll COMMAND …</c> runs one with the site's own configuration
/// (appsettings, environment variables) and exits instead of serving. Each command is one entry in <see cref="All"/>.
/// </summary>
public static class SiteCommands
{
    private sealed record Command(string Usage, string Summary, Func<WebApplication, string[], Task<int>> Run);

    private static readonly Dictionary<string, Command> All = new(StringComparer.Ordinal)
    {
        // Brings the database up to date and exits, so several nodes can then start with Database:MigrateOnStartup off.
        ["migrate"] = new("migrate", "Apply the database migrations and exit.", async (app, _) =>
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(app.Lifetime.ApplicationStopping);
            return 0;
        }),
        ["backup"] = new(Features.Backups.BackupCommands.BackupUsage, "Back up the database and media into a new folder.", Features.Backups.BackupCommands.BackupAsync),
        ["restore"] = new(Features.Backups.BackupCommands.RestoreUsage, "Restore a backup into the configured database and media folder (site stopped).", Features.Backups.BackupCommands.RestoreAsync),
        ["import-wordpress"] = new(Features.Imports.ImportCommands.WordPressUsage, "Import a WordPress export (WXR); print what was imported, skipped and why.", Features.Imports.ImportCommands.WordPressAsync),
        ["import-ghost"] = new(Features.Imports.ImportCommands.GhostUsage, "Import a Ghost JSON export (and its members CSV); print the report.", Features.Imports.ImportCommands.GhostAsync),
        ["export"] = new(Features.PaperExport.PaperExportCommands.ExportUsage, "Export the whole paper (docs/export-format.md) into a new folder.", Features.PaperExport.PaperExportCommands.ExportAsync),
        ["import-newssite"] = new(Features.PaperExport.PaperExportCommands.ImportUsage, "Import a NewsSite export into this empty site.", Features.PaperExport.PaperExportCommands.ImportAsync),
    };

    /// <summary>
    /// How an operator runs this site's commands, for the messages that name one: <c>dotnet NewsSite.Web.dll</c> where
    /// the site runs on an installed .NET, the executable itself where it was published self-contained (the Docker
    /// image has no <c>dotnet</c>).
    /// </summary>
    public static string Invocation { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) != "dotnet" ? path : "dotnet NewsSite.Web.dll";

    public static bool IsCommand(string[] args) => args is [var name, ..] && (All.ContainsKey(name) || name is "help" or "--help");

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!All.TryGetValue(args[0], out var command))
        {
            Console.WriteLine("Commands (run with the site's own configuration, then exit):");
            foreach (var entry in All.Values)
            {
                Console.WriteLine($"  {entry.Usage,-45} {entry.Summary}");
            }
            return 0;
        }
        try
        {
            return await command.Run(app, args[1..]);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\nUsage: {Invocation} {command.Usage}");
            return 2;
        }
    }
}

/// <summary>Wrong or missing arguments: the command prints the message and its usage, and exits with 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
