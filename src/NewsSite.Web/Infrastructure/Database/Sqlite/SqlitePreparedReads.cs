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
        if (result.HasResult || Rent(command, eventData) is not { } connection)
        {
            return result;
        }
        SqliteCommand? twin = null;
        try
        {
            twin = Bind(connection, command);
            var reader = twin.ExecuteReader();
            lent.Add(command, new Loan(connection, twin, eventData.Context));
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(connection, twin, eventData.Context);
            throw;
        }
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult || Rent(command, eventData) is not { } connection)
        {
            return result;
        }
        SqliteCommand? twin = null;
        try
        {
            twin = Bind(connection, command);
            var reader = await twin.ExecuteReaderAsync(cancellationToken);
            lent.Add(command, new Loan(connection, twin, eventData.Context));
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            Return(connection, twin, eventData.Context);
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
            // The statement is reset by the reader's disposal; only then may another query use the connection. EF then
            // does its own cleanup as usual (its command, its connection's open count); disposing twice does nothing.
            eventData.DataReader.Dispose();
        }
        finally
        {
            Return(loan.Connection, loan.Twin, loan.Context);
        }
        return result;
    }

    private SqliteCommand Bind(ReadConnection connection, DbCommand command)
    {
        var (twin, isNew) = connection.Bind(command);
        Interlocked.Increment(ref isNew ? ref prepares : ref runs);
        return twin;
    }

    private ReadConnection? Rent(DbCommand command, CommandEventData eventData)
    {
        if (command is not SqliteCommand { Connection: { } own } sqlite
            || sqlite.Transaction is not null
            || eventData.Context?.Database.CurrentTransaction is not null
            || !IsPlainRead(sqlite.CommandText))
        {
            return null;
        }
        var context = eventData.Context;
        lock (gate)
        {
            // One database per site; anything else (a test's second file, a backup opened read-only) goes its own way.
            connectionString ??= own.ConnectionString;
            if (disposed || own.ConnectionString != connectionString)
            {
                return null;
            }
            if (context is not null && sharedBy.TryGetValue(context, out var share))
            {
                share.Readers++;
                return share.Connection;
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
            if (context is not null)
            {
                sharedBy[context] = new Share(connection);
            }
            return connection;
        }
    }

    private void Return(ReadConnection connection, SqliteCommand? twin, DbContext? context)
    {
        lock (gate)
        {
            if (twin is not null)
            {
                connection.Release(twin);
            }
            if (context is not null && sharedBy.TryGetValue(context, out var share) && --share.Readers > 0)
            {
                return;
            }
            if (context is not null)
            {
                sharedBy.Remove(context);
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

    private sealed record Loan(ReadConnection Connection, SqliteCommand Twin, DbContext? Context);

    private sealed class Share(ReadConnection connection)
    {
        public ReadConnection Connection { get; } = connection;
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

        /// <summary>Lets go of EF's parameter objects once the read is over.</summary>
        public void Release(SqliteCommand twin)
        {
            twin.Parameters.Clear();
            running.Remove(twin);
            if (!(prepared.TryGetValue(twin.CommandText, out var kept) && kept == twin))
            {
                twin.Dispose();
            }
        }

        /// <summary>This connection's prepared twin of <paramref name="command"/>, with its parameters' values.</summary>
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
                    logger.LogDebug("Dropping {Count} prepared statements: more shapes than expected", prepared.Count);
                    foreach (var (oldSql, old) in prepared.Where(p => !running.Contains(p.Value)).ToList())
                    {
                        old.Dispose();
                        prepared.Remove(oldSql);
                    }
                }
                twin = connection.CreateCommand();
                twin.CommandText = sql;
                twin.Prepare();
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
        }    }
}
