using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Jobs;
using NewsSite.Web.Infrastructure.SampleContent;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Brings the database up to date before the site takes requests: migrations (at start-up, or by the deploy-time
/// <c>migrate</c> command), the engine's own settings, then, one node at a time, the key ring, sample content and the
/// first administrator. Nodes starting together never race: EF Core's migrations take a lock in the database, and the
/// rest runs under the start-up lease.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IJobLeases leases,
    KeyRing keyRing,
    TimeProvider clock,
    IOptions<DatabaseOptions> options,
    MigrationStatus status,
    SiteStarted siteStarted,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    private Task? started;

    /// <summary>
    /// Starts the work at once, on the thread pool, so that it overlaps with building the request pipeline (Program
    /// calls this straight after building the app): a node restarting in a deploy answers sooner. The hosted service's
    /// start waits for it, so no request is served before it is done, and a failure still stops the start.
    /// </summary>
    public void BeginEarly() => started ??= Task.Run(() => StartUpAsync(lifetime.ApplicationStopping));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        started ??= StartUpAsync(cancellationToken);
        try
        {
            await started.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A start given up (a stop signal during a long migration): the work stops at the lifetime's stopping
            // token; wait for it rather than leave it running against a host being torn down.
            await Task.WhenAny(started);
            throw;
        }
    }

    /// <summary>The deploy-time command: everything start-up does, migrations included whatever Database:MigrateOnStartup says.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => InitializeAsync(migrate: true, cancellationToken);

    private async Task StartUpAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(options.Value.MigrateOnStartup, cancellationToken);
        // Not awaited: the host starts and answers its first probes meanwhile.
        _ = Task.Run(() => ReadWhatEveryPageShowsAsync(lifetime.ApplicationStopping));
    }

    private async Task InitializeAsync(bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        var provider = scope.ServiceProvider.GetRequiredService<Database.IDatabaseProvider>();
        await using (await provider.LockForMigrationAsync(db, cancellationToken))
        {
            // Asking first is cheaper than migrating: Migrate takes a lock in the database (a write) even when there
            // is nothing to do, and most starts have nothing to do.
            var pending = await status.RefreshAsync(db, cancellationToken);
            if (pending.Count > 0 && !migrate)
            {
                throw new InvalidOperationException($"The database needs {pending.Count} migrations and Database:MigrateOnStartup is off: " +
                    $"run `{Commands.SiteCommands.Invocation} migrate` with this site's configuration first.");
            }
            if (pending.Count > 0)
            {
                // /healthz says "migrating" meanwhile (DatabaseHealthCheck).
                using var migrating = status.Migrate();
                await db.Database.MigrateAsync(cancellationToken);
                status.MarkUpToDate();
                logger.LogInformation("Database at {DataSource} brought up to date ({Count} migrations; back it up before upgrades, " +
                    "as some table rebuilds cannot be rolled back if the process is killed midway)", db.Database.GetDbConnection().DataSource, pending.Count);
            }
        }

        await provider.PrepareAsync(db, cancellationToken);

        await using (await leases.AcquireAsync(JobNames.StartUp, clock, cancellationToken))
        {
            await keyRing.EnsureAsync(db, cancellationToken);
            if (options.Value.SeedSampleContent)
            {
                await scope.ServiceProvider.GetRequiredService<SampleContentSeeder>().SeedIfEmptyAsync(cancellationToken);
            }
            Bootstrap = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().EnsureAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads what every page shows (the paper's identity and its sections) into their memos while the host starts and
    /// the first probes are answered, without holding them up; background jobs begin after it (<see cref="SiteStarted"/>).
    /// As the process's first LINQ queries, these also do EF Core's one-time query set-up (~0.2 s on a small server),
    /// which the start-up work above leaves out of the path to the first answer by reading in plain SQL
    /// (<see cref="Database.PlainSqlReads"/>); done here, the first page does not pay for it either.
    /// </summary>
    private async Task ReadWhatEveryPageShowsAsync(CancellationToken stopping)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CurrentSite>().GetAsync(stopping);
            await scope.ServiceProvider.GetRequiredService<Navigation>().SectionsAsync(stopping);
        }
        catch (Exception exception)
        {
            // Nothing waits for this: the first page reads them again, and shows its visitor the error page if it fails.
            // A site stopped meanwhile (a test host disposed as it started, a deploy aborted) has nothing to report.
            if (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Reading the site's identity and sections ahead of the first page failed");
            }
        }
        finally
        {
            siteStarted.PagesRead();
        }
    }

    /// <summary>How the newsroom gets its first administrator; told to the newcomer in the start-up summary.</summary>
    public AdminBootstrap Bootstrap { get; private set; }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
