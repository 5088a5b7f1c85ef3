using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

public sealed class RequestLoggingTests
{
    [Fact]
    public async Task AReaderWhoHangsUpMidPage_IsLoggedAs499_NotAsAnError_WhileABugStillIs()
    {
        await using var site = new LoggedSiteFactory();
        var client = site.CreateClient();
        var hungUp = $"/test/slow?reader={Guid.NewGuid():n}";

        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(hungUp, giveUp.Token));
        }
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await client.GetAsync("/test/throw")).StatusCode);

        var log = await Poll.UntilAsync(async () =>
        {
            var text = await ReadAsync(site.LogFile);
            return text.Contains("/test/slow") && text.Contains("/test/throw") ? text : null;
        }, TimeSpan.FromSeconds(10), "both requests to be logged");
        var lines = log.Split('\n');
        Assert.Contains(lines, line => line.Contains("[INF] HTTP GET /test/slow responded 499"));
        Assert.DoesNotContain("[ERR] HTTP GET /test/slow", log);
        Assert.DoesNotContain("CanceledException", log);
        Assert.DoesNotContain("/error/499", log); // no error page rendered for nobody
        Assert.Contains(lines, line => line.Contains("[ERR] HTTP GET /test/throw responded 500"));
    }

    // The sink keeps the file open while the site runs.
    private static async Task<string> ReadAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(file).ReadToEndAsync();
    }
}
