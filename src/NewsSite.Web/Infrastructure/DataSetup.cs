using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Database;
using NewsSite.Web.Infrastructure.Database.Postgres;
using NewsSite.Web.Infrastructure.Database.Sqlite;

namespace NewsSite.Web.Infrastructure;

public static class DataSetup
{
    public static WebApplicationBuilder AddNewsData(this WebApplicationBuilder builder)
    {
        // The engine is chosen here, before anything is built, so it is checked here too: an unknown name stops the
        // start with the setting's name and the choices, not with a connection error later.
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var engine = database.Engine ?? throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions),
            [$"Database:Provider is \"{database.Provider}\"; it must be Sqlite (the default, one node) or Postgres."]);
        var connectionString = builder.Configuration.GetConnectionString("News");

        // The engine's own parts (connection settings, full-text search, set-based inserts, error codes) come from
        // its folder under Infrastructure/Database; everything else here is the same for every engine.
        Action<DbContextOptionsBuilder, IServiceProvider> useEngine;
        switch (engine)
        {
            case DatabaseEngine.Postgres:
                var postgres = string.IsNullOrWhiteSpace(connectionString)
                    ? throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions),
                        ["Database:Provider is Postgres but ConnectionStrings:News is empty; give it an Npgsql connection string (Host=…;Database=…;Username=…)."])
                    : connectionString;
                builder.Services.AddPostgresDatabase();
                useEngine = (options, _) => options.UseNewsPostgres(postgres);
                break;
            default:
                var sqlite = connectionString ?? "Data Source=App_Data/news.db";
                builder.Services.AddSqliteDatabase();
                useEngine = (options, services) => options.UseNewsSqlite(sqlite, builder.Environment.ContentRootPath, services);
                break;
        }

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ContentCache>();
        builder.Services.AddSingleton<IContentChangeSignal, LocalContentChangeSignal>();
        builder.Services.AddSingleton<ContentChangeEvictor>();
        builder.Services.AddSingleton<IInterceptor>(services => services.GetRequiredService<ContentChangeEvictor>());
        // Pooled: a request takes a context that is already built (its options, its internal services) instead of
        // building one, which was about a tenth of what an uncached page allocated (bench/README.md, "What an
        // uncached render allocates").
        builder.Services.AddDbContextPool<NewsDbContext>((services, options) =>
        {
            useEngine(options, services);
            options
                // Comparing the model with the migrations' snapshot costs a tenth of start-up; CI runs the same check
                // (dotnet ef migrations has-pending-model-changes), so a forgotten migration cannot reach main.
                .ConfigureWarnings(warnings => warnings.Ignore(
                    RelationalEventId.PendingModelChangesWarning,
                    // Some table rebuilds cannot run in a transaction; the initializer says once, in plain words, to back
                    // up before upgrading instead of a warning per rebuild.
                    RelationalEventId.NonTransactionalMigrationOperationWarning))
                // Each feature that reacts to saves registers its own interceptor (the page cache's evictor, the outbox's wake-up).
                .AddInterceptors(services.GetServices<IInterceptor>());
#pragma warning disable EF1001 // EF's internal seam: see NoSetsToInitialize.
            options.ReplaceService<Microsoft.EntityFrameworkCore.Internal.IDbSetInitializer, NoSetsToInitialize>();
#pragma warning restore EF1001
        });

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateWith(new DatabaseOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<Jobs.SiteStarted>();
        builder.Services.AddSingleton<MigrationStatus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseInitializer>());
        builder.Services.AddHostedService<PlannerStatistics>();
        // Leases in the shared database keep each background job to one runner, on one node or many.
        builder.Services.AddSingleton<Jobs.IJobLeases, Jobs.DatabaseJobLeases>();
        return builder;
    }
}
