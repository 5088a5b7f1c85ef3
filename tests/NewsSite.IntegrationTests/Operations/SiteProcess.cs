using System.Diagnostics;

namespace NewsSite.IntegrationTests.Operations;

/// <summary>The site's own build output run as an operator runs it: <c>dotnet NewsSite.Web.dll COMMAND …</c>, configured by environment variables.</summary>
internal static class SiteProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        var site = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(site)!,
        };
        start.ArgumentList.Add(site);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
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
