using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Email;

namespace NewsSite.Web.Infrastructure;

public static class DataSetup
{
    public const string MigrationsAssembly = "NewsSite.Migrations.Sqlite";

    public static WebApplicationBuilder AddNewsData(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString("News") ?? "Data Source=App_Data/news.db",
            builder.Environment.ContentRootPath);

        builder.Services.AddSingleton<SqlitePragmas>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ContentCache>();
        builder.Services.AddSingleton<ContentChangeEvictor>();
        builder.Services.AddDbContext<NewsDbContext>((services, options) => options
            .UseSqlite(connectionString, sqlite => sqlite
                .MigrationsAssembly(MigrationsAssembly)
                // "ids.Contains(a.Id)" as one JSON parameter read by json_each, so the SQL is the same whatever the
                // list holds. EF 10's default, a parameter per element, makes EF write the SQL again on every
                // execution, under a lock: a third of the card query's time on a busy article page.
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            // Comparing the model with the migrations' snapshot costs a tenth of start-up; CI runs the same check
            // (dotnet ef migrations has-pending-model-changes), so a forgotten migration cannot reach main.
            .ConfigureWarnings(warnings => warnings.Ignore(
                RelationalEventId.PendingModelChangesWarning,
                // SQLite rebuilds a table with foreign keys switched off, which it only allows outside a transaction.
                // The initializer says once, in plain words, to back up before upgrading instead of a warning per rebuild.
                RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors(
                services.GetRequiredService<SqlitePragmas>(),
                services.GetRequiredService<ContentChangeEvictor>(),
                services.GetRequiredService<OutboxWakeup>()));

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseInitializer>());
        builder.Services.AddHostedService<QueryPlannerStatistics>();
        return builder;
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
        command.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
    }
}
