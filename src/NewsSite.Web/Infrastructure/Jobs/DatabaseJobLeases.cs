using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure.Jobs;

/// <summary>
/// Leases as rows in the database all nodes share: taken in one conditional UPDATE (free, or run out), renewed while
/// the round runs, given back at its end. A node that dies stops renewing, and its job is free again within
/// <see cref="Length"/>. Each lease has its own holder id, so two rounds in one process exclude each other too.
/// </summary>
public sealed class DatabaseJobLeases(IServiceScopeFactory scopes, IDatabaseProvider provider, TimeProvider clock, ILogger<DatabaseJobLeases> logger) : IJobLeases
{
    /// <summary>Short, so a dead node holds its jobs up only briefly; renewed every third of it meanwhile.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(60);

    private static readonly string Node = $"{Environment.MachineName}/{Environment.ProcessId}";

    // For the leases' renewal loops.
    private TimeProvider Clock => clock;
    private ILogger Logger => logger;

    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var holder = $"{Node}/{Guid.NewGuid():n}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = await db.JobLeases
            .Where(l => l.Name == job && l.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, now + Length), cancellationToken);
        if (taken == 0)
        {
            if (await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken))
            {
                return null;
            }
            // The job's first lease ever: whoever inserts the row first has it; the others find it taken.
            db.JobLeases.Add(new JobLease { Name = job, Holder = holder, ExpiresAt = now + Length });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (provider.IsUniqueViolation(exception))
            {
                return null;
            }
        }
        return new Lease(this, job, holder);
    }

    private async Task<bool> RenewAsync(string job, string holder)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var until = clock.GetUtcNow().UtcDateTime + Length;
        return await db.JobLeases.Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), CancellationToken.None) == 1;
    }

    private async Task ReleaseAsync(string job, string holder)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.JobLeases.Where(l => l.Name == job && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, now), CancellationToken.None);
    }

    private sealed class Lease : IAsyncDisposable
    {
        private readonly DatabaseJobLeases owner;
        private readonly string job;
        private readonly string holder;
        private readonly CancellationTokenSource stop = new();
        private readonly Task renewing;
        private int released;

        public Lease(DatabaseJobLeases owner, string job, string holder)
        {
            this.owner = owner;
            this.job = job;
            this.holder = holder;
            renewing = RenewWhileHeldAsync(stop.Token);
        }

        private async Task RenewWhileHeldAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(Length / 3, owner.Clock);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken))
                {
                    if (!await owner.RenewAsync(job, holder))
                    {
                        // Only after a stall longer than the lease: another node may be running this job now too.
                        owner.Logger.LogWarning("The lease on job {Job} ran out before it could be renewed", job);
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                owner.Logger.LogWarning(exception, "Renewing the lease on job {Job} failed; it runs out in {Length}", job, Length);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 1)
            {
                return;
            }
            await stop.CancelAsync();
            await renewing;
            stop.Dispose();
            try
            {
                await owner.ReleaseAsync(job, holder);
            }
            catch (Exception exception)
            {
                owner.Logger.LogWarning(exception, "Giving back the lease on job {Job} failed; it runs out by itself", job);
            }
        }
    }
}
