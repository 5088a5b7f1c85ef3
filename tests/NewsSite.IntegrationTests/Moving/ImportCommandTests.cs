using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsSite.IntegrationTests.Operations;

namespace NewsSite.IntegrationTests.Moving;

/// <summary>The import commands as an operator runs them: `dotnet NewsSite.Web.dll import-wordpress FILE`, with the site's configuration from the environment.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "newssite-tests", $"import-{Guid.NewGuid():n}");

    private Dictionary<string, string> Environment => new()
    {
        ["Storage__DataDirectory"] = data,
        ["ConnectionStrings__News"] = $"Data Source={Path.Combine(data, "news.db")}",
    };

    [SkippableFact]
    public async Task ImportWordPress_RunAsAProcess_ImportsPrintsTheReport_AndExitsZero()
    {
        var export = SharedData.WordPressExport;
        var (migrated, migrateOutput) = await RunAsync("migrate");
        Assert.True(migrated == 0, migrateOutput);

        var (exitCode, output) = await RunAsync($"import-wordpress \"{export}\" --by \"Night Operator\"");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        Assert.Matches(@"WordPress: \d+ imported, 0 already imported", output);
        Assert.Contains("post 1148 “Template: Comments”: published at /classic/template-comments", output);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "news.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT UserName FROM AuditLog WHERE Action = 'imported-from-wordpress'";
        Assert.Equal("Night Operator", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("import-wordpress", "Name the export file.")]
    [InlineData("import-wordpress /no/such/export.xml", "No file at /no/such/export.xml.")]
    [InlineData("import-wordpress {self} --color blue", "Unknown option --color.")]
    [InlineData("import-wordpress {self} --media /no/such/folder", "No media folder at /no/such/folder.")]
    [InlineData("import-ghost {self} --members {self}", "Name yourself with --by when importing members")]
    public async Task BadArguments_PrintTheProblemAndUsage_AndExitTwo(string arguments, string message)
    {
        var (exitCode, output) = await RunAsync(arguments.Replace("{self}", typeof(ImportCommandTests).Assembly.Location));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output);
        Assert.Contains("Usage: dotnet NewsSite.Web.dll import-", output);
    }

    [Fact]
    public async Task NotAnExport_ExitsOne_WithTheReason()
    {
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "notes.xml");
        await File.WriteAllTextAsync(file, "<notes><note>hello</note></notes>");
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var (exitCode, output) = await RunAsync($"import-wordpress \"{file}\"");

        Assert.Equal(1, exitCode);
        Assert.Contains("not a WordPress export", output);
    }

    private Task<(int ExitCode, string Output)> RunAsync(string arguments) => SiteProcess.RunAsync(arguments, Environment);

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
