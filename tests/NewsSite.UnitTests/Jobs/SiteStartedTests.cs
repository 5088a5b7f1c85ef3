using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.UnitTests.Jobs;

/// <summary>Background jobs wait for the site to serve before their first round (with the host's own lifetime).</summary>
public sealed class SiteStartedTests
{
    [Fact]
    public async Task WaitsUntilTheSiteHasStarted()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);

        var waiting = lifetime.WhenSiteStartedAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        lifetime.NotifyStarted();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AfterTheStart_GoesOnAtOnce()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        lifetime.NotifyStarted();

        await lifetime.WhenSiteStartedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StoppingBeforeTheStart_EndsTheWait()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var stopping = new CancellationTokenSource();

        var waiting = lifetime.WhenSiteStartedAsync(stopping.Token);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
