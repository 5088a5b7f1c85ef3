using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Database.Postgres;
using Npgsql;

namespace NewsSite.TestSupport;

/// <summary>
/// Marks a test assembly whose sites run on the named engine (the default is SQLite): the PostgreSQL integration
/// tests compile the same sources as the SQLite ones and add <c>[assembly: TestDatabaseEngine(DatabaseEngine.Postgres)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestDatabaseEngineAttribute(DatabaseEngine engine) : Attribute
{
    public DatabaseEngine Engine { get; } = engine;
}

/// <summary>Which engine this test run's sites use, and, on PostgreSQL, a fresh database for each site.</summary>
public static class TestDatabase
{
    public const string ServerVariable = "NEWSSITE_TEST_POSTGRES";
    public const string RequireVariable = "NEWSSITE_REQUIRE_SERVERS";

    // Each test project runs in its own process, so the test assembly loaded here is the one being run.
    public static DatabaseEngine Engine { get; } = AppDomain.CurrentDomain.GetAssemblies()
        .Select(assembly => assembly.GetCustomAttributes(typeof(TestDatabaseEngineAttribute), inherit: false).OfType<TestDatabaseEngineAttribute>().FirstOrDefault())
        .FirstOrDefault(attribute => attribute is not null)?.Engine ?? DatabaseEngine.Sqlite;

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? template;

    /// <summary>
    /// The server tests may create databases on; skips the test (or, where CI requires servers, fails it) when none
    /// is configured.
    /// </summary>
    public static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }
        var reason = $"{ServerVariable} is not set: start a throwaway PostgreSQL with `eval \"$(tests/servers/start.sh)\"`.";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException($"{reason} ({RequireVariable}=1 makes a missing server a failure.)");
        }
        throw new SkipException(reason);
    }

    /// <summary>
    /// A new database cloned from a template the real migrations built once per run (a clone takes a tenth of a
    /// second, a migration more than a second). Small pools: every site of the run shares one server's connections.
    /// A long connect timeout: a busy two-core machine has stalled a first connection's type loading for 20 s.
    /// </summary>
    /// <param name="empty">An empty database instead, for a test of the site's first start.</param>
    public static string CreatePostgresDatabase(bool empty = false)
    {
        var server = PostgresServer();
        Creating.Wait();
        try
        {
            var name = $"newssite_{Guid.NewGuid():n}";
            if (empty)
            {
                Execute(server, $"CREATE DATABASE \"{name}\"");
            }
            else
            {
                template ??= CreateTemplate(server);
                Execute(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            }
            return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20, Pooling = true, Timeout = 60 }.ConnectionString;
        }
        finally
        {
            Creating.Release();
        }
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Execute(PostgresServer(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string CreateTemplate(string server)
    {
        var name = $"newssite_template_{Environment.ProcessId}_{Guid.NewGuid():n}"[..50];
        Execute(server, $"CREATE DATABASE \"{name}\"");
        // No pooling: a clone needs the template to have no open connections.
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        options.UseNewsPostgres(connectionString);
        using (var db = new NewsDbContext(options.Options))
        {
            db.Database.Migrate();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // The server may be gone first; it is a throwaway one.
            }
        };
        return name;
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
