using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Jobs;

/// <summary>
/// Leases as rows in the database all nodes share: taken in one conditional UPDATE (free, or run out), or, when that
/// takes nothing, an INSERT that does nothing if the row exists (a job's first lease); renewed while the round runs,
/// given back at its end. A node that dies stops renewing, and its job is free again within
/// <see cref="Length"/>. Each lease has its own holder id, so two rounds in one process exclude each other too.
/// </summary>
public sealed class DatabaseJobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseJobLeases> logger) : IJobLeases
{
    /// <summary>Short, so a dead node holds its jobs up only briefly; renewed every third of it meanwhile.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(60);

    private static readonly string Node = $"{Environment.MachineName}/{Environment.ProcessId}";

    // For the leases' renewal loops.
    private TimeProvider Clock => clock;
    private ILogger Logger => logger;

    // The statements below are written out in SQL both engines read alike (quoted names, ON CONFLICT DO NOTHING), not
    // in LINQ: EF Core translates and compiles each LINQ ExecuteUpdate on its first use, and the start-up lease took
    // two of them on the longest path of a node's start, for queries no page uses (bench/README.md, "Start-up without
    // the lease's query compilations"). The values go as parameters, mapped by their .NET types as EF Core maps the
    // same types for the columns (JobLease has no converters or column types of its own: give it one, and this SQL
    // must follow). JobLeaseTests checks these times against times EF writes.

    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        var holder = $"{Node}/{Guid.NewGuid():n}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Length;
        var taken = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "JobLeases" SET "Holder" = {holder}, "ExpiresAt" = {until} WHERE "Name" = {job} AND "ExpiresAt" <= {now}""",
            cancellationToken);
        if (taken == 0)
        {
            // Held by someone else, or the job's first lease ever: whoever inserts the row first has it.
            taken = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "JobLeases" ("Name", "Holder", "ExpiresAt") VALUES ({job}, {holder}, {until}) ON CONFLICT DO NOTHING""",
                cancellationToken);
        }
        return taken == 1 ? new Lease(this, job, holder) : null;
    }

    private async Task<bool> RenewAsync(string job, string holder)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var until = clock.GetUtcNow().UtcDateTime + Length;
        return await db.Database.ExecuteSqlAsync(
            $"""UPDATE "JobLeases" SET "ExpiresAt" = {until} WHERE "Name" = {job} AND "Holder" = {holder}""", CancellationToken.None) == 1;
    }

    private async Task ReleaseAsync(string job, string holder)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "JobLeases" SET "Holder" = NULL, "ExpiresAt" = {now} WHERE "Name" = {job} AND "Holder" = {holder}""", CancellationToken.None);
    }

    private sealed class Lease : IAsyncDisposable
    {
        private readonly DatabaseJobLeases owner;
        private readonly string job;
        private readonly string holder;
        // Disposing the timer ends the renewal: its wait then returns false. A cancelled wait would throw, and an
        // exception's first stack trace costs ~20 ms, which the start-up lease would add to every start.
        private readonly PeriodicTimer timer;
        private readonly Task renewing;
        private int released;

        public Lease(DatabaseJobLeases owner, string job, string holder)
        {
            this.owner = owner;
            this.job = job;
            this.holder = holder;
            timer = new PeriodicTimer(Length / 3, owner.Clock);
            renewing = RenewWhileHeldAsync();
        }

        private async Task RenewWhileHeldAsync()
        {
            try
            {
                while (await timer.WaitForNextTickAsync())
                {
                    if (!await owner.RenewAsync(job, holder))
                    {
                        // Only after a stall longer than the lease: another node may be running this job now too.
                        owner.Logger.LogWarning("The lease on job {Job} ran out before it could be renewed", job);
                        return;
                    }
                }
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
            timer.Dispose();
            await renewing;
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
