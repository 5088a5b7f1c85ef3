using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Database;

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
        return await RefreshAsync(db, cancellationToken);
    }

    /// <summary>Asks the database now (start-up decides whether to migrate on this), and keeps the answer for probes.</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        var pending = await ReadPendingAsync(db, cancellationToken);
        Volatile.Write(ref last, new Answer(now, pending));
        return pending;
    }

    /// <summary>Notes that the database has just been brought up to date, so the next probe need not ask again.</summary>
    public void MarkUpToDate() => Volatile.Write(ref last, new Answer(clock.GetTimestamp(), []));

    // On SQLite, EF Core's GetPendingMigrationsAsync first builds a model of its history table, about a tenth of a
    // second of a node's start-up; only its MigrationId column is needed, named alike on both engines (the site keeps
    // EF's default table name), so it is read directly. A database without the table (brand new) goes the EF Core way,
    // which knows how to ask each engine whether it exists.
    private static async Task<IReadOnlyList<string>> ReadPendingAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        HashSet<string> applied;
        try
        {
            applied = new HashSet<string>(await db.Database.ReadColumnAsync("""SELECT "MigrationId" FROM "__EFMigrationsHistory" """, cancellationToken),
                StringComparer.Ordinal);
        }
        catch (System.Data.Common.DbException)
        {
            return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        return db.Database.GetMigrations().Where(id => !applied.Contains(id)).ToList();
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
