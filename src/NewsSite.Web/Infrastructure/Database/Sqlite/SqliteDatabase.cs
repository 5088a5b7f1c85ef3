using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>SQLite's part of <see cref="IDatabaseProvider"/>.</summary>
public sealed class SqliteDatabase : IDatabaseProvider
{
    public async Task PrepareAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        // journal_mode is stored in the database file, so setting it once is enough; WAL lets readers go on while
        // one writer commits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        await RefreshStatisticsAsync(db, cancellationToken);
    }

    // EF Core's SQLite migrations take their own lock (a row in __EFMigrationsLock) and re-read what is applied once
    // they hold it, so nodes sharing one file already migrate one after another.
    public Task<IAsyncDisposable> LockForMigrationAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    // PRAGMA optimize analyses only tables never analysed or much changed since, within a bounded effort, so it is
    // cheap enough for start-up and every few hours, as SQLite recommends for long-lived applications. 0x10002: look
    // at every table, not only those this (fresh, pooled) connection happens to have queried.
    public Task RefreshStatisticsAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) only: a foreign-key or NOT NULL failure
    // is a real error, not a race.
    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    // SQLite's LIKE already ignores case (for ASCII letters, as it always has here).
    public IQueryable<T> WhereContainsIgnoringCase<T>(IQueryable<T> source, string text, params Expression<Func<T, string?>>[] columns) =>
        ContainsIgnoringCase.Where(source, text, columns, LikeMethod);

    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions)
        .GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    // One statement: the subquery picks the batch, and the outer WHERE repeats "pending and due". SQLite has one
    // writer at a time, so a second sender's UPDATE runs after the first commits and finds the rows leased (no longer
    // due): it leaves them out rather than taking them twice.
    public Task<int> LeaseDueOutboxAsync(NewsDbContext db, Guid token, int batchSize, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken) =>
        db.Outbox
            .Where(m => db.Outbox
                    .Where(d => d.Status == OutboxStatus.Pending && d.NextAttemptAt <= now)
                    .OrderBy(d => d.IsBulk).ThenBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                    .Take(batchSize)
                    .Select(d => d.Id)
                    .Contains(m.Id)
                && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.NextAttemptAt, leaseUntil), cancellationToken);

    // An INTEGER PRIMARY KEY (with or without AUTOINCREMENT) already takes the next id after the largest one stored.
    public Task FollowExplicitIdsAsync(NewsDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
