using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Whether the database is ready for this version of the code, for /healthz: not while this process migrates it,
/// nor while it lacks migrations this code has (another node or the <c>migrate</c> command is still at work, or the
/// deploy forgot to run it). The second answer is kept for a couple of seconds: probes come often, and asking means
/// reading the migrations history.
/// </summary>
public sealed class MigrationStatus(TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(2);

    private int migrating;
    private Answer? last;

    public bool Migrating => Volatile.Read(ref migrating) > 0;

    /// <summary>Marks this process as migrating until the result is disposed.</summary>
    public IDisposable Migrate()
    {
        Interlocked.Increment(ref migrating);
        return new Done(this);
    }

    /// <summary>The migrations this code has that the database lacks, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (Volatile.Read(ref last) is { } answer && clock.GetElapsedTime(answer.At, now) < KeepFor)
        {
            return answer.Pending;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        Volatile.Write(ref last, new Answer(now, pending));
        return pending;
    }

    private sealed record Answer(long At, IReadOnlyList<string> Pending);

    private sealed class Done(MigrationStatus status) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref status.migrating);
            }
        }
    }
}
