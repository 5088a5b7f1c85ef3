using NewsSite.Web.Features.Imports.Ghost;
using NewsSite.Web.Features.Imports.WordPress;
using NewsSite.Web.Infrastructure.Commands;

namespace NewsSite.Web.Features.Imports;

/// <summary>
/// <c>import-wordpress FILE [--media FOLDER] [--by NAME]</c> and <c>import-ghost FILE [--members CSV] [--by NAME]</c>:
/// print the report, exit 0 (1 when the file is not an export). <c>--by</c> names the operator in the audit log and
/// the revisions; it is required with <c>--members</c>, since the consent records then name who brought those readers in.
/// </summary>
public static class ImportCommands
{
    public const string WordPressUsage = "import-wordpress FILE [--media FOLDER] [--by NAME]";
    public const string GhostUsage = "import-ghost FILE [--members CSV] [--by NAME]";

    private const string DefaultOperator = "command line";

    public static async Task<int> WordPressAsync(WebApplication app, string[] args)
    {
        var (file, options) = Parse(args, "--media", "--by");
        var media = options.GetValueOrDefault("--media");
        if (media is not null && !Directory.Exists(media))
        {
            throw new CommandLineException($"No media folder at {media}.");
        }
        return await RunAsync(app, file, async services =>
        {
            await using var stream = File.OpenRead(file);
            return await services.GetRequiredService<WordPressImporter>().ImportAsync(stream, media, new ImportActor(options.GetValueOrDefault("--by") ?? DefaultOperator), app.Lifetime.ApplicationStopping);
        });
    }

    public static async Task<int> GhostAsync(WebApplication app, string[] args)
    {
        var (file, options) = Parse(args, "--members", "--by");
        var members = options.GetValueOrDefault("--members");
        if (members is not null && !File.Exists(members))
        {
            throw new CommandLineException($"No members file at {members}.");
        }
        if (members is not null && options.GetValueOrDefault("--by") is null)
        {
            throw new CommandLineException("Name yourself with --by when importing members: the consent records and the audit log say who brought them in.");
        }
        return await RunAsync(app, file, async services =>
        {
            await using var stream = File.OpenRead(file);
            await using var memberStream = members is null ? null : File.OpenRead(members);
            return await services.GetRequiredService<GhostImporter>().ImportAsync(stream, memberStream, new ImportActor(options.GetValueOrDefault("--by") ?? DefaultOperator), app.Lifetime.ApplicationStopping);
        });
    }

    private static async Task<int> RunAsync(WebApplication app, string file, Func<IServiceProvider, Task<ImportReport>> import)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var report = await import(scope.ServiceProvider);
            Console.WriteLine(report.ToText());
            return 0;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{file}: {e.Message}");
            return 1;
        }
    }

    private static (string File, Dictionary<string, string> Options) Parse(string[] args, params string[] known)
    {
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!known.Contains(args[i]))
                {
                    throw new CommandLineException($"Unknown option {args[i]}.");
                }
                if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
                {
                    throw new CommandLineException($"{args[i]} needs a value.");
                }
                options[args[i]] = args[++i].Trim();
            }
            else if (file is null)
            {
                file = args[i];
            }
            else
            {
                throw new CommandLineException($"One export file at a time (got {file} and {args[i]}).");
            }
        }
        if (file is null)
        {
            throw new CommandLineException("Name the export file.");
        }
        if (!File.Exists(file))
        {
            throw new CommandLineException($"No file at {file}.");
        }
        return (file, options);
    }
}
