using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Database;

/// <summary>
/// What differs between database engines beyond what EF Core hides: settings applied once at start-up, planner
/// statistics, and how a unique-index violation shows itself. Features ask this, never the engine's own exceptions.
/// </summary>
public interface IDatabaseProvider
{
    /// <summary>Once at start-up, after migrations and before the site takes requests.</summary>
    Task PrepareAsync(NewsDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the database's migration lock until disposed, so nodes starting together migrate one after another:
    /// the later ones then find nothing left to do.
    /// </summary>
    Task<IAsyncDisposable> LockForMigrationAsync(NewsDbContext db, CancellationToken cancellationToken);

    /// <summary>Refreshes the query planner's statistics (every few hours).</summary>
    Task RefreshStatisticsAsync(NewsDbContext db, CancellationToken cancellationToken);

    /// <summary>True when the save failed on a unique index or key (a race another writer won), and on nothing else.</summary>
    bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>
    /// Keeps the rows where any of the columns contains the text, ignoring case, with the user's % and _ taken
    /// literally (the newsroom's "find" boxes). Engines disagree on whether LIKE ignores case.
    /// </summary>
    IQueryable<T> WhereContainsIgnoringCase<T>(IQueryable<T> source, string text, params Expression<Func<T, string?>>[] columns);

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due outbox messages, transactional mail first, to the claim
    /// <paramref name="token"/> until <paramref name="leaseUntil"/>, in one statement that no other sender can race;
    /// returns how many it leased.
    /// </summary>
    Task<int> LeaseDueOutboxAsync(NewsDbContext db, Guid token, int batchSize, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// After rows were inserted with explicit ids (an import that keeps the source site's ids), makes the next
    /// generated id of every table follow the largest one there, inside the caller's transaction.
    /// </summary>
    Task FollowExplicitIdsAsync(NewsDbContext db, CancellationToken cancellationToken);
}

/// <summary>Provider-specific full-text search: ranking ids, then snippets for one page's hits.</summary>
public interface IFullTextSearch
{
    /// <summary>
    /// The page of visible articles matching every term (or a word with the same stem: "tunnels" finds "tunnel"), best
    /// first or newest first, among the latest <paramref name="window"/> matches, with the count of matches within that window.
    /// </summary>
    Task<(IReadOnlyList<int> Ids, int Total)> RankAsync(IReadOnlyList<string> terms, int window, int skip, int take, DateTime now, bool newestFirst, CancellationToken cancellationToken);

    /// <summary>A short extract of each article around the terms, with matches between <see cref="MatchStart"/> and <see cref="MatchEnd"/>.</summary>
    Task<IReadOnlyDictionary<int, string>> SnippetsAsync(IReadOnlyList<string> terms, IReadOnlyList<int> ids, CancellationToken cancellationToken);

    public const char MatchStart = '\u0001';
    public const char MatchEnd = '\u0002';
}

/// <summary>Queues one outbox message per confirmed subscriber in one set-based statement (EF has no set-based insert).</summary>
public interface IBulkMailQueue
{
    /// <summary>
    /// Queues the shared body for every confirmed subscriber of the newsletter who is neither paused nor suppressed;
    /// returns how many messages that made.
    /// </summary>
    Task<int> QueueForConfirmedSubscribersAsync(int newsletterId, long templateId, string subject, string kind, string? fromName, DateTime now, CancellationToken cancellationToken);
}
