using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>A first start on an empty data folder at the default log level; the site's own log file is read back.</summary>
public sealed class LoggedSiteFactory : NewsSiteFactory
{
    public string LogFile => Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "news-*.log").Single();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
    };
}

public sealed class StartupOutputTests
{
    [Fact]
    public async Task FirstStart_SaysWhatHappened_WithoutAlarmingWarnings()
    {
        await using var site = new LoggedSiteFactory();
        var response = await site.CreateClient().GetAsync("/healthz");
        Assert.True(response.IsSuccessStatusCode);
        // The sink keeps the file open while the site runs.
        await using var file = new FileStream(site.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var log = await new StreamReader(file).ReadToEndAsync();

        Assert.Contains("brought up to date", log);
        Assert.Contains("back the file up before upgrades", log);
        Assert.DoesNotContain("XML encryptor", log);
        Assert.DoesNotContain("cannot be executed in a transaction", log);
        // The one warning a first start has: nobody can sign in until the first administrator exists.
        Assert.All(log.Split('\n').Where(line => line.Contains("[WRN]")), line => Assert.Contains("No newsroom account exists yet", line));
    }
}
