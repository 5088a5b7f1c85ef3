using System.Diagnostics;

namespace NewsSite.IntegrationTests.Operations;

/// <summary>The site's own build output run as an operator runs it: <c>dotnet NewsSite.Web.dll COMMAND …</c>, configured by environment variables.</summary>
internal static class SiteProcess
{
    private static readonly string Site = typeof(Program).Assembly.Location;

    /// <summary>Runs the command with these arguments, logging warnings and worse only.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Site);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        return RunAsync(start, environment);
    }

    /// <summary>Runs a command line as an operator types it (quoted paths included), with the site's usual logging.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string commandLine, IReadOnlyDictionary<string, string> environment) =>
        RunAsync(new ProcessStartInfo("dotnet", $"\"{Site}\" {commandLine}"), environment);

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, IReadOnlyDictionary<string, string> environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetDirectoryName(Site)!;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The configuration of a site whose data folder and SQLite file are these.</summary>
    public static Dictionary<string, string> Configured(string dataDirectory, string connectionString) => new()
    {
        ["Storage__DataDirectory"] = dataDirectory,
        ["ConnectionStrings__News"] = connectionString,
        ["Database__Provider"] = NewsSite.TestSupport.TestDatabase.Engine.ToString(),
    };
}
