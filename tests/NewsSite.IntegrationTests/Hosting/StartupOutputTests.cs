using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>A first start on an empty data folder at the default log level; the site's own log file is read back.</summary>
public sealed class LoggedSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
    };

    protected override bool StartsOnEmptyDatabase => true;
}

public sealed class StartupOutputTests
{
    [Fact]
    public async Task FirstStart_SaysWhatHappened_WithoutAlarmingWarnings()
    {
        await using var site = new LoggedSiteFactory();
        var response = await site.CreateClient().GetAsync("/healthz");
        Assert.True(response.IsSuccessStatusCode);
        var log = await site.ReadLogAsync();

        Assert.Contains("brought up to date", log);
        Assert.Contains("back it up before upgrades", log);
        Assert.DoesNotContain("XML encryptor", log);
        Assert.DoesNotContain("cannot be executed in a transaction", log);
        // No error at all: on PostgreSQL a new database once logged a failed query for the migration history.
        Assert.False(log.Contains("[ERR]"), log);
        // The one warning a first start has: nobody can sign in until the first administrator exists.
        Assert.All(log.Split('\n').Where(line => line.Contains("[WRN]")), line => Assert.Contains("No newsroom account exists yet", line));
    }

    [Fact]
    public async Task TwoSitesInOneProcess_EachLogsToItsOwnFile()
    {
        await using var first = new LoggedSiteFactory();
        _ = first.Services;
        await using var second = new LoggedSiteFactory();
        _ = second.Services; // started last: it must not take over the first site's logging
        var marker = $"/no-such-page-{Guid.NewGuid():n}";

        await first.CreateClient().GetAsync(marker);

        Assert.Contains(marker, await first.ReadLogAsync());
        Assert.DoesNotContain(marker, await second.ReadLogAsync());
    }
}
