using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.UnitTests.Jobs;

/// <summary>
/// Background jobs wait for the site to serve and for the start-up's first read before their first round (with the
/// host's own lifetime).
/// </summary>
public sealed class SiteStartedTests
{
    [Fact]
    public async Task WaitsUntilTheSiteHasStarted_AndItsFirstReadIsOver()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var site = new SiteStarted(lifetime);

        var waiting = site.WhenStartedAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        lifetime.NotifyStarted();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        site.PagesRead();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AfterBoth_GoesOnAtOnce_WhicheverCameFirst()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var site = new SiteStarted(lifetime);
        site.PagesRead();
        lifetime.NotifyStarted();

        await site.WhenStartedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stopping_EndsTheWait(bool started)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var site = new SiteStarted(lifetime);
        if (started)
        {
            lifetime.NotifyStarted();
        }
        using var stopping = new CancellationTokenSource();

        var waiting = site.WhenStartedAsync(stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
