using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsSite.Web.Infrastructure.SampleContent;
using NewsSite.IntegrationTests.Operations;

namespace NewsSite.IntegrationTests.Hosting;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "newssite-tests", $"migrate-{Guid.NewGuid():n}");

    [Fact]
    public async Task MigrateCommand_BringsAnEmptyDatabaseUpToDate_AndExits()
    {
        var database = Path.Combine(data, "news.db");

        var (exitCode, output) = await RunAsync("migrate", new()
        {
            ["Storage__DataDirectory"] = data,
            ["ConnectionStrings__News"] = $"Data Source={database}",
            ["Admin__Email"] = "chief@newsroom.test",
            ["Admin__Password"] = "the first administrator password",
        });

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        Assert.Contains("brought up to date", output);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal((long)SampleArticles.All.Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM Articles"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM DataProtectionKeys"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM JobLeases WHERE Holder IS NOT NULL"));
    }

    [Fact]
    public async Task StartWithMigrationsPending_AndMigrateOnStartupOff_StopsAndNamesTheCommand()
    {
        var (exitCode, output) = await RunAsync("", new()
        {
            ["Storage__DataDirectory"] = data,
            ["ConnectionStrings__News"] = $"Data Source={Path.Combine(data, "news.db")}",
            ["Database__MigrateOnStartup"] = "false",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("dotnet NewsSite.Web.dll migrate", output);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    // The site's own build output, run as an operator would: `dotnet NewsSite.Web.dll migrate`.
    private static Task<(int ExitCode, string Output)> RunAsync(string arguments, Dictionary<string, string> environment) =>
        SiteProcess.RunAsync(arguments, environment);

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
