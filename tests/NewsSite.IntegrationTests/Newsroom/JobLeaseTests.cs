using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class JobLeaseTests(NewsroomFactory site)
{
    [Fact]
    public async Task Scheduler_WaitsWhileAnotherRunnerHoldsItsLease_ThenPublishes()
    {
        var leases = site.Services.GetRequiredService<IJobLeases>();
        // Let the scheduler finish any round it is in, then hold its lease as another node would.
        var held = await Poll.UntilAsync(() => leases.TryAcquireAsync(JobNames.PublishScheduled, CancellationToken.None), TimeSpan.FromSeconds(10), "the scheduler's lease");
        var article = await new ArticleBuilder().ScheduledFor(DateTime.UtcNow.AddSeconds(-5)).SaveAsync(site);

        // Three of the scheduler's checks (every half second here) go by while the lease is held elsewhere.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var whileHeld = await StatusAsync(article.Id);
        await held.DisposeAsync();
        var afterwards = await Poll.UntilAsync(async () => await StatusAsync(article.Id) == ArticleStatus.Published ? "published" : null,
            TimeSpan.FromSeconds(10), "the scheduler to publish once the lease is free");

        Assert.Equal(ArticleStatus.Scheduled, whileHeld);
        Assert.Equal("published", afterwards);
    }

    private Task<ArticleStatus> StatusAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
}
