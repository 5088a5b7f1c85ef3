namespace NewsSite.Web.Infrastructure.Jobs;

/// <summary>
/// "Run this job on one node at a time." Background jobs (the scheduler, planner statistics, the outbox clean-up, the
/// start-up work) take a lease before each round and skip the round when another runner holds it. A seam, because
/// who else might be running depends on the deployment; today's implementation, <see cref="DatabaseJobLeases"/>,
/// keeps the leases in the database every node shares, which serves one node and a cluster alike.
/// </summary>
public interface IJobLeases
{
    /// <summary>The lease on <paramref name="job"/>, to dispose when the round is done; null when another runner holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken);
}

public static class JobLeaseExtensions
{
    /// <summary>Waits until the lease on <paramref name="job"/> is free and takes it: for work every node must see done, once.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(this IJobLeases leases, string job, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await leases.TryAcquireAsync(job, cancellationToken) is { } lease)
            {
                return lease;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }
}

/// <summary>The names jobs take their leases under, in one place so two jobs never share one by accident.</summary>
public static class JobNames
{
    public const string PublishScheduled = "publish-scheduled";
    public const string PlannerStatistics = "planner-statistics";
    public const string OutboxCleanUp = "outbox-clean-up";
    public const string StartUp = "start-up";
    public const string BreakingNewsExpiry = "breaking-news-expiry";
    public const string BounceMailbox = "bounce-mailbox";
    public const string NewsletterSchedule = "newsletter-schedule";
    public const string Backup = "backup";
    public const string PageViewPruning = "page-view-pruning";
}
