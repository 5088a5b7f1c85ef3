using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>SQLite's wiring: the provider seams, the connection string, and per-connection settings.</summary>
public static class SqliteSetup
{
    public const string MigrationsAssembly = "NewsSite.Migrations.Sqlite";

    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services)
    {
        CompiledModel.BuildAhead(typeof(NewsSite.Data.CompiledModels.Sqlite.NewsDbContextModel));
        services.AddSingleton<SqlitePragmas>();
        services.AddSingleton<SqlitePreparedReads>();
        services.AddSingleton<IDatabaseProvider, SqliteDatabase>();
        services.AddScoped<IFullTextSearch, SqliteFullTextSearch>();
        services.AddScoped<IBulkMailQueue, SqliteBulkMailQueue>();
        services.AddScoped<IDatabaseFile, SqliteDatabaseFile>();
        return services;
    }

    public static DbContextOptionsBuilder UseNewsSqlite(this DbContextOptionsBuilder options, string connectionString, string contentRoot, IServiceProvider services) =>
        options
            .UseSqlite(ResolveConnectionString(connectionString, contentRoot), sqlite => sqlite
                .MigrationsAssembly(MigrationsAssembly)
                // "ids.Contains(a.Id)" as one JSON parameter read by json_each, so the SQL is the same whatever the
                // list holds. EF 10's default, a parameter per element, makes EF write the SQL again on every
                // execution, under a lock: a third of the card query's time on a busy article page.
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            // Chosen by hand: EF would otherwise look for a compiled model by assembly attribute, and there is one per engine.
            .UseModel(NewsSite.Data.CompiledModels.Sqlite.NewsDbContextModel.Instance)
            .AddInterceptors(services.GetRequiredService<SqlitePragmas>(), services.GetRequiredService<SqlitePreparedReads>());

    /// <summary>
    /// On SQLite, a GET that reaches a page's action (the page cache missed) opens the database connection once for the
    /// whole request. EF otherwise opens and closes it around each query, and every open registers EF's SQL functions
    /// with SQLite again, and an uncached article makes six or more queries (bench/README.md, "What an uncached render
    /// allocates"). Writes are left to EF, which opens around its own transactions. Nothing on PostgreSQL, where an
    /// open takes a pooled connection and registers nothing.
    /// </summary>
    public static WebApplication UseOneSqliteConnectionPerPage(this WebApplication app)
    {
        if (app.Services.GetService<SqlitePragmas>() is null)
        {
            return app;
        }
        app.Use(async (context, next) =>
        {
            // Pages only: not the health checks (liveness must not need the database) nor the metrics.
            if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is null)
            {
                await next(context);
                return;
            }
            var database = context.RequestServices.GetRequiredService<NewsDbContext>().Database;
            await database.OpenConnectionAsync(context.RequestAborted);
            try
            {
                await next(context);
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        });
        return app;
    }

    // A relative SQLite path is taken from the content root, not the working directory, and its folder is created.
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is not ("" or ":memory:") && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            csb.DataSource = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }
}

/// <summary>Per-connection settings that SQLite does not keep in the file, applied once per pooled connection.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // Connections are pooled: EF "opens" one per query, but the SQLite handle underneath lives on.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !configured.TryAdd(handle, true))
        {
            return;
        }
        using var command = connection.CreateCommand();
        // WAL lets readers go on while one writer commits; with WAL, NORMAL sync is durable across application crashes.
        // A quarter of SQLite's default page cache: the pool keeps as many connections as reads that ran at once in the
        // last few minutes (about twenty under the newsroom workload), each cache fills from a database of gigabytes,
        // and the operating system's file cache holds the same pages anyway. A trade: an uncached article costs about a
        // sixth more CPU (bench/README.md, "A lifetime of fifteen minutes").
        command.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -512;";
        command.ExecuteNonQuery();
    }
}
