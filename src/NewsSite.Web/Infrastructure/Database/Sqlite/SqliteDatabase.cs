using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

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

    // PRAGMA optimize analyses only tables never analysed or much changed since, within a bounded effort, so it is
    // cheap enough for start-up and every few hours, as SQLite recommends for long-lived applications. 0x10002: look
    // at every table, not only those this (fresh, pooled) connection happens to have queried.
    public Task RefreshStatisticsAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) only: a foreign-key or NOT NULL failure
    // is a real error, not a race.
    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
