using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

public sealed class RequestLoggingTests
{
    [Fact]
    public async Task AReaderWhoHangsUpMidPage_IsLoggedAs499_NotAsAnError_WhileABugOrATimeoutStillIs()
    {
        await using var site = new LoggedSiteFactory();
        var client = site.CreateClient();

        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/test/slow", giveUp.Token));
        }
        var log = await Poll.UntilAsync(async () =>
        {
            var text = await site.ReadLogAsync();
            return text.Contains("/test/slow") ? text : null;
        }, TimeSpan.FromSeconds(10), "the hang-up to be logged");
        Assert.Contains(log.Split('\n'), line => line.Contains("[INF] HTTP GET /test/slow responded 499"));
        Assert.DoesNotContain("[ERR]", log);
        Assert.DoesNotContain("CanceledException", log);
        Assert.DoesNotContain("/error/499", log); // no error page rendered for no one

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await client.GetAsync("/test/throw")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, (await client.GetAsync("/test/timeout")).StatusCode);
        var lines = (await Poll.UntilAsync(async () =>
        {
            var text = await site.ReadLogAsync();
            return text.Contains("/test/timeout") ? text : null;
        }, TimeSpan.FromSeconds(10), "the failures to be logged")).Split('\n');
        Assert.Contains(lines, line => line.Contains("[ERR] HTTP GET /test/throw responded 500"));
        Assert.Contains(lines, line => line.Contains("[ERR] HTTP GET /test/timeout responded 500"));
    }
}
