using System.Collections.Concurrent;

namespace NewsSite.Web.Infrastructure.Jobs;

/// <summary>
/// "Run this job on one node at a time." Background jobs (the scheduler, planner statistics, the outbox clean-up)
/// take a lease before each round and skip the round when another runner holds it. A seam, because who else might
/// be running depends on the deployment: nobody on one node, the other web nodes in a cluster.
/// </summary>
public interface IJobLeases
{
    /// <summary>The lease on <paramref name="job"/>, to dispose when the round is done; null when another runner holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken);
}

/// <summary>One node: a lock per job within this process.</summary>
public sealed class ProcessJobLeases : IJobLeases
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Release(gate) : null;
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The names jobs take their leases under, in one place so two jobs never share one by accident.</summary>
public static class JobNames
{
    public const string PublishScheduled = "publish-scheduled";
    public const string PlannerStatistics = "planner-statistics";
    public const string OutboxCleanUp = "outbox-clean-up";
}
