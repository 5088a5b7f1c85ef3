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

    [Fact]
    public async Task ALease_HasOneHolderAtATime_IsGivenBack_AndIsTakenOverOnceItRunsOut()
    {
        var leases = site.Services.GetRequiredService<IJobLeases>();
        var job = $"test-{Guid.NewGuid():n}";

        // Four takers at once for a job never leased before: exactly one gets it, and no one else while it is held.
        var takers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => leases.TryAcquireAsync(job, CancellationToken.None)));
        var first = Assert.Single(takers, t => t is not null)!;
        Assert.Null(await leases.TryAcquireAsync(job, CancellationToken.None));

        await first.DisposeAsync();
        var second = await leases.TryAcquireAsync(job, CancellationToken.None);
        Assert.NotNull(second);

        // Its holder stops renewing, as a node that died would: once the lease has run out, another node takes it,
        // and the old holder's late give-back leaves the new holder's lease alone.
        await site.WithDbAsync((db, _) => db.JobLeases.Where(l => l.Name == job)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        var third = await leases.TryAcquireAsync(job, CancellationToken.None);
        Assert.NotNull(third);
        await second.DisposeAsync();
        Assert.Null(await leases.TryAcquireAsync(job, CancellationToken.None));

        await third.DisposeAsync();
        var row = await site.WithDbAsync((db, _) => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job));
        Assert.Null(row.Holder);
        Assert.True(row.ExpiresAt <= DateTime.UtcNow, "a lease given back is free at once");

        // A lease that runs out in a minute, written as EF writes the column, is held: the leases' own SQL compares
        // its times with EF's (a format of their own, say with a "T", would sort after EF's and take it).
        await site.WithDbAsync((db, _) => db.JobLeases.Where(l => l.Name == job)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "another-node").SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(1))));
        Assert.Null(await leases.TryAcquireAsync(job, CancellationToken.None));
    }

    private Task<ArticleStatus> StatusAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
}

public sealed class ClusterSchedulerTests
{
    [Fact]
    public async Task FiveStoriesDueAtOneSecond_WithThreeNodesRunning_AreEachPublishedOnce_WithOneAuditEntryEach()
    {
        var fast = new Dictionary<string, string?> { ["Publishing:CheckSeconds"] = "0.1" };
        await using var first = new NodeFactory(fast);
        _ = first.Services;
        await using var second = new NodeFactory(fast, first.ConnectionString);
        await using var third = new NodeFactory(fast, first.ConnectionString);
        _ = (second.Services, third.Services);
        var due = DateTime.UtcNow.AddSeconds(1);
        var titles = Enumerable.Range(1, 5).Select(i => $"Due together {i} {Guid.NewGuid():n}").ToList();
        foreach (var title in titles)
        {
            await new ArticleBuilder().Titled(title).ScheduledFor(due).SaveAsync(first);
        }

        await Poll.UntilAsync(() => first.WithDbAsync(async (db, _) =>
            await db.Articles.CountAsync(a => titles.Contains(a.Title) && a.Status == ArticleStatus.Published) == 5 ? "all" : null),
            TimeSpan.FromSeconds(15), "the five stories to be published");
        // Let every node's scheduler go round a few more times.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var audit = await first.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "publish").Select(e => e.Target).ToListAsync());
        Assert.All(titles, title => Assert.Single(audit, target => target != null && target.Contains(title)));
    }
}
