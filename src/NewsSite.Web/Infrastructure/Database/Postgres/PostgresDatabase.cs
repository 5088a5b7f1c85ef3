using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NewsSite.Data;
using NewsSite.Data.Entities;
using Npgsql;

namespace NewsSite.Web.Infrastructure.Database.Postgres;

/// <summary>PostgreSQL's part of <see cref="IDatabaseProvider"/>.</summary>
public sealed class PostgresDatabase : IDatabaseProvider
{
    // Autovacuum analyses tables as they change, but only after its first nap: fresh tables from a migration would be
    // planned blind until then. ANALYZE samples, so it stays quick on a large database.
    public Task PrepareAsync(NewsDbContext db, CancellationToken cancellationToken) => RefreshStatisticsAsync(db, cancellationToken);

    // A session-level advisory lock, held on the context's own connection (kept open until released) around the
    // pending-migration check and the migrations: two nodes on an empty database otherwise both create the tables.
    private const long MigrationLockKey = 0x4E657773_53697465; // "NewsSite"

    public async Task<IAsyncDisposable> LockForMigrationAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        // Npgsql learns that a new database has no history table by a failed SELECT, which EF logs as an error on an
        // operator's very first start (npgsql/efcore.pg#3407); making the (empty) table first avoids that.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        return new MigrationLock(db);
    }

    private sealed class MigrationLock(NewsDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task RefreshStatisticsAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);

    // unique_violation only: a foreign-key or NOT NULL failure is a real error, not a race.
    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // PostgreSQL's LIKE is case-sensitive; ILIKE is its case-insensitive twin, with the same escape rules.
    public IQueryable<T> WhereContainsIgnoringCase<T>(IQueryable<T> source, string text, params Expression<Func<T, string?>>[] columns) =>
        ContainsIgnoringCase.Where(source, text, columns, ILikeMethod);

    private static readonly System.Reflection.MethodInfo ILikeMethod = typeof(NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    // Identity columns keep their own sequence, which rows inserted with explicit ids do not move: without this the
    // next story written after an import would collide with an imported one. Table and column names come from the
    // model, never from input.
    public async Task FollowExplicitIdsAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.FindPrimaryKey()?.Properties is not [var key] || key.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                || (key.ClrType != typeof(int) && key.ClrType != typeof(long)) || entity.GetTableName() is not { } table)
            {
                continue;
            }
            var column = key.GetColumnName();
            var sql = "SELECT setval(pg_get_serial_sequence('\"" + table + "\"', '" + column + "'), COALESCE(MAX(\"" + column + "\"), 0) + 1, false) FROM \"" + table + "\"";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    // FOR UPDATE SKIP LOCKED: a sender locks the due rows it picks and passes over rows another sender is leasing at
    // the same moment, so concurrent senders take disjoint batches without waiting for each other. A row that was
    // leased and committed just before is re-checked against "pending and due" when locked, and left out. The pick
    // is a CTE, which PostgreSQL runs exactly once; a sub-select under IN may be run again by the plan, and with
    // SKIP LOCKED a second run picks other rows.
    public Task<int> LeaseDueOutboxAsync(NewsDbContext db, Guid token, int batchSize, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH due AS (
                SELECT "Id" FROM "Outbox"
                WHERE "Status" = {(int)OutboxStatus.Pending} AND "NextAttemptAt" <= {now}
                ORDER BY "IsBulk", "NextAttemptAt", "Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE "Outbox" AS o SET "ClaimToken" = {token}, "NextAttemptAt" = {leaseUntil}
            FROM due WHERE o."Id" = due."Id"
            """, cancellationToken);
}
