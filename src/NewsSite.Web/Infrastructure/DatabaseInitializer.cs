using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.SampleContent;

namespace NewsSite.Web.Infrastructure;

/// <summary>Brings the database up to date before the site takes requests: migrations, WAL mode, planner statistics, sample content.</summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        // Asking first is cheaper than migrating: Migrate takes a lock in the database (a write) even when there is
        // nothing to do, and most starts have nothing to do.
        if (options.Value.MigrateOnStartup && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() is { Count: > 0 } pending)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database at {DataSource} brought up to date ({Count} migrations; back the file up before upgrades, " +
                "as some table rebuilds cannot be rolled back if the process is killed midway)", db.Database.GetDbConnection().DataSource, pending.Count);
        }

        await scope.ServiceProvider.GetRequiredService<Database.IDatabaseProvider>().PrepareAsync(db, cancellationToken);

        if (options.Value.SeedSampleContent)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<SampleContentSeeder>();
            await seeder.SeedIfEmptyAsync(cancellationToken);
        }

        Bootstrap = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().EnsureAsync(cancellationToken);
    }

    /// <summary>How the newsroom gets its first administrator; told to the newcomer in the start-up summary.</summary>
    public AdminBootstrap Bootstrap { get; private set; }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
