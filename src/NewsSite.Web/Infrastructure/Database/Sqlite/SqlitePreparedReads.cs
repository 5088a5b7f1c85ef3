using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// Keeps SQLite's prepared statements from one query to the next. Microsoft.Data.Sqlite prepares every command anew,
/// and finalizes its statements when the command is disposed, which EF does after each query; preparing (parsing and
/// planning) one of the site's statements takes 20–120 µs, which was a third of an uncached article's time
/// (bench/README.md, "Uncached pages: statements kept prepared"). So EF's reads outside a transaction run on a few
/// connections this class keeps open, each holding the commands it has run, prepared, by their SQL. EF's own command
/// is left unexecuted. Writes, and reads inside a transaction, stay on EF's connection, so they see their own rows.
/// A context's reads that overlap share one kept connection: a split query (the article's story, its tags, its
/// authors) keeps the story's reader open while the others run, and with a connection each it took three, so under
/// load the last ones found none free and were prepared anew on EF's connection (a quarter of an uncached article).
/// Reads that share see the database as the first of them found it; once the context writes, its later reads start
/// afresh, so they see the write.
/// </summary>
internal sealed partial class SqlitePreparedReads(ILogger<SqlitePreparedReads> logger) : DbCommandInterceptor, IDisposable
{
    // Reads are CPU work, so one kept connection per core keeps the cores busy; past them, a read falls back to EF's
    // connection, unprepared, rather than wait. Each kept connection holds its page cache and its statements (about
    // 10 KB each): eight connections with 200 statements and SQLite's default 2 MB cache cost the newsroom workload
    // 40 MB of working set, two cost nothing measurable, and served the uncached pages as fast (bench/README.md).
    private static readonly int MaxConnections = Math.Max(2, Environment.ProcessorCount);
    // The reader pages use a few dozen shapes; the bound keeps odd ones (operator commands, imports) from piling up.
    private const int MaxStatementsPerConnection = 100;

    private readonly Lock gate = new();
    private readonly Stack<ReadConnection> idle = new();
    // By EF's own command, which EF hands back when it disposes the reader, whatever it wrapped the reader in.
    private readonly ConditionalWeakTable<DbCommand, Loan> lent = [];
    // The kept connection each context is reading on now, with how many of its readers are open. A context is used by
    // one flow at a time, so its overlapping readers take turns on the connection, as on EF's own.
    private readonly Dictionary<DbContext, Share> sharedBy = new(ReferenceEqualityComparer.Instance);
    private long joins;
    private string? connectionString;
    private int opened;
    private bool disposed;
    private long prepares;
    private long runs;
    private long fallbacks;

    /// <summary>Statements prepared so far, on all the connections (tests and diagnostics).</summary>
    internal long Prepares => Interlocked.Read(ref prepares);

    /// <summary>Reads that found their statement already prepared, so far.</summary>
    internal long Runs => Interlocked.Read(ref runs);

    /// <summary>Plain reads left to EF's connection, unprepared, because every kept connection was busy.</summary>
    internal long Fallbacks => Interlocked.Read(ref fallbacks);

    /// <summary>Reads that ran on the kept connection their context was already reading on.</summary>
    internal long Joins => Interlocked.Read(ref joins);

    /// <summary>The SQL of every statement held by a connection not in use now.</summary>
    internal IReadOnlyList<string> IdleStatements()
    {
        lock (gate)
        {
            return idle.SelectMany(connection => connection.Statements).ToList();
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult || Rent(command, eventData) is not { } share)
        {
            return result;
        }
        SqliteCommand? twin = null;
        try
        {
            twin = Bind(share.Connection, command);
            var reader = twin.ExecuteReader();
            lent.Add(command, new Loan(share, twin, reader));
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(share, twin);
            throw;
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult || Rent(command, eventData) is not { } share)
        {
            return result;
        }
        SqliteCommand? twin = null;
        try
        {
            twin = Bind(share.Connection, command);
            var reader = await twin.ExecuteReaderAsync(cancellationToken);
            lent.Add(command, new Loan(share, twin, reader));
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(share, twin);
            throw;
        }
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (!lent.TryGetValue(command, out var loan))
        {
            return result;
        }
        lent.Remove(command);
        try
        {
            // The statement is reset by the reader's disposal; only then may its command run again. EF then does its
            // own cleanup as usual (its command, its connection's open count); disposing twice does nothing.
            eventData.DataReader.Dispose();
        }
        finally
        {
            Return(loan.Share, loan.Twin);
        }
        return result;
    }

    // A read that EF abandons after it was handed over (an interceptor after this one throwing) never gets to
    // DataReaderDisposing: its reader is closed here, or it would hold its context's connection and snapshot for good.
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Abandon(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Abandon(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(command);
        return Task.CompletedTask;
    }

    // Commands that are not handed over (writes, EF's scalar and non-query commands) end the sharing of their
    // context's connection: its open readers keep their snapshot, but a read after the write must see it.
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        StopSharing(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        StopSharing(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    private void Abandon(DbCommand command)
    {
        if (!lent.TryGetValue(command, out var loan))
        {
            return;
        }
        lent.Remove(command);
        try
        {
            loan.Reader.Dispose();
        }
        finally
        {
            Return(loan.Share, loan.Twin);
        }
    }

    private void StopSharing(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        lock (gate)
        {
            if (sharedBy.Remove(context, out var share))
            {
                share.Context = null;
            }
        }
    }

    private SqliteCommand Bind(ReadConnection connection, DbCommand command)
    {
        var (twin, isNew) = connection.Bind(command);
        Interlocked.Increment(ref isNew ? ref prepares : ref runs);
        return twin;
    }

    private Share? Rent(DbCommand command, CommandEventData eventData)
    {
        var context = eventData.Context;
        if (command is not SqliteCommand { Connection: { } own } sqlite
            || sqlite.Transaction is not null
            || context?.Database.CurrentTransaction is not null
            || !IsPlainRead(sqlite.CommandText))
        {
            StopSharing(context);
            return null;
        }
        lock (gate)
        {
            // One database per site; anything else (a test's second file, a backup opened read-only) goes its own way.
            connectionString ??= own.ConnectionString;
            if (disposed || own.ConnectionString != connectionString)
            {
                return null;
            }
            if (context is not null && sharedBy.TryGetValue(context, out var joined))
            {
                joined.Readers++;
                Interlocked.Increment(ref joins);
                return joined;
            }
            if (!idle.TryPop(out var connection))
            {
                if (opened >= MaxConnections)
                {
                    Interlocked.Increment(ref fallbacks);
                    return null;
                }
                opened++;
                try
                {
                    connection = new ReadConnection(connectionString, logger);
                }
                catch
                {
                    opened--;
                    throw;
                }
            }
            var share = new Share(connection, context);
            if (context is not null)
            {
                sharedBy[context] = share;
            }
            return share;
        }
    }

    private void Return(Share share, SqliteCommand? twin)
    {
        var connection = share.Connection;
        lock (gate)
        {
            if (twin is not null)
            {
                connection.Release(twin);
            }
            if (--share.Readers > 0)
            {
                return;
            }
            if (share.Context is not null)
            {
                sharedBy.Remove(share.Context);
            }
            if (!disposed)
            {
                idle.Push(connection);
                return;
            }
            opened--;
        }
        connection.Dispose();
    }

    private sealed record Loan(Share Share, SqliteCommand Twin, DbDataReader Reader);

    /// <summary>A kept connection lent out, with how many readers are open on it; shared by its context while listed.</summary>
    private sealed class Share(ReadConnection connection, DbContext? context)
    {
        public ReadConnection Connection { get; } = connection;
        public DbContext? Context { get; set; } = context;
        public int Readers { get; set; } = 1;
    }

    // A SELECT (or WITH … SELECT) reads; changes() and last_insert_rowid() would answer for the wrong connection, and
    // the functions and collation EF registers on its own connections (regexp, ef_*, EF_DECIMAL) are not on these.
    private static bool IsPlainRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
            && !text.Contains("changes()", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("last_insert_rowid", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("RETURNING", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("regexp", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("ef_", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <paramref name="sql"/> with each "LIMIT @name" whose parameter holds a whole number written as that number. Each
    /// match is a whole name ("@p1" is never taken for "@p"). EF names a query's parameters "@p"; raw SQL's (the
    /// full-text search) are named "p1", and SQLite matches them with the prefix.
    /// </summary>
    internal static string WriteLimits(string sql, DbParameterCollection parameters) =>
        LimitParameter().Replace(sql, match =>
        {
            var name = match.Groups[1].Value;
            var value = parameters.Cast<DbParameter>().FirstOrDefault(p => p.ParameterName == name || "@" + p.ParameterName == name)?.Value;
            return value is int or long ? $"LIMIT {Convert.ToInt64(value, CultureInfo.InvariantCulture)}" : match.Value;
        });

    // EF's own spelling: "LIMIT @p" (a Take), never inside a string literal, which EF does not write.
    [GeneratedRegex(@"LIMIT (@\w+)\b")]
    private static partial Regex LimitParameter();

    public void Dispose()
    {
        List<ReadConnection> closing;
        lock (gate)
        {
            disposed = true;
            closing = [.. idle];
            idle.Clear();
            opened -= closing.Count;
        }
        foreach (var connection in closing)
        {
            connection.Dispose();
        }
    }

    /// <summary>One open connection and its prepared commands. Used by one context at a time.</summary>
    private sealed class ReadConnection : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
        // Commands whose reader is open: a command runs one reader at a time.
        private readonly HashSet<SqliteCommand> running = [];
        private readonly ILogger logger;

        public ReadConnection(string connectionString, ILogger logger)
        {
            this.logger = logger;
            connection = new SqliteConnection(connectionString);
            connection.Open();
            using var pragmas = connection.CreateCommand();
            // The same waiting as EF's connections (SqlitePragmas): a checkpoint can hold the file for a moment. Half of
            // SQLite's default page cache: the operating system's file cache holds the rest of the file anyway.
            pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA cache_size = -1024;";
            pragmas.ExecuteNonQuery();
        }

        public IEnumerable<string> Statements => prepared.Keys;

        /// <summary>Lets go of EF's parameter objects once the read is over, and of a one-off command.</summary>
        public void Release(SqliteCommand twin)
        {
            twin.Parameters.Clear();
            running.Remove(twin);
            if (!(prepared.TryGetValue(twin.CommandText, out var kept) && kept == twin))
            {
                twin.Dispose();
            }
        }

        /// <summary>
        /// This connection's prepared twin of <paramref name="command"/>, with its parameters' values: the kept one, or
        /// a one-off if the kept one's reader is open.
        /// </summary>
        public (SqliteCommand Twin, bool IsNew) Bind(DbCommand command)
        {
            var sql = WithLimitsWritten(command);
            var isNew = !prepared.TryGetValue(sql, out var twin);
            if (twin is null || running.Contains(twin))
            {
                // The same statement already open on this connection (a query inside a loop over another's rows) gets
                // a command of its own for this once.
                var keep = twin is null;
                if (keep && prepared.Count >= MaxStatementsPerConnection)
                {
                    var dropping = prepared.Where(p => !running.Contains(p.Value)).ToList();
                    logger.LogDebug("Dropping {Count} prepared statements: more shapes than expected", dropping.Count);
                    foreach (var (oldSql, old) in dropping)
                    {
                        old.Dispose();
                        prepared.Remove(oldSql);
                    }
                }
                twin = connection.CreateCommand();
                twin.CommandText = sql;
                try
                {
                    twin.Prepare();
                }
                catch
                {
                    twin.Dispose();
                    throw;
                }
                if (keep)
                {
                    prepared[sql] = twin;
                }
                isNew = true;
            }
            running.Add(twin);
            twin.CommandTimeout = command.CommandTimeout;
            // Values are bound when the statement runs, by name, so the prepared statement does not change. EF's own
            // parameter objects are shared, not copied: a copy's Size of 0 would cut every text to nothing.
            twin.Parameters.Clear();
            foreach (DbParameter parameter in command.Parameters)
            {
                twin.Parameters.Add(parameter);
            }
            return (twin, isNew);
        }

        // SQLite plans "LIMIT ?" around the value bound to it, so binding that parameter expires the statement and
        // each run prepares it again (SQLITE_STMTSTATUS_REPREPARE counts one per run). EF writes Take(n) as
        // "LIMIT @p"; the twin has the number in its SQL instead: one statement per limit used, and pages use a few.
        private static string WithLimitsWritten(DbCommand command) =>
            command.CommandText.Contains("LIMIT @", StringComparison.Ordinal) ? WriteLimits(command.CommandText, command.Parameters) : command.CommandText;

        public void Dispose()
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }
            connection.Dispose();
        }
    }
}
