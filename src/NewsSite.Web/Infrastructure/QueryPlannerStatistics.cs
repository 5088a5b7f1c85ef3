using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Keeps SQLite's table statistics fresh. Without them the planner guesses, and guesses badly at newsroom scale: it
/// read 100,000 index entries of "published, by date" to find the 40 related stories it already had the ids of.
/// PRAGMA optimize analyses only tables that were never analysed or have changed a lot since, within a bounded
/// effort, so it is cheap enough to run at start-up and then every few hours, as SQLite recommends for long-lived
/// applications.
/// </summary>
internal sealed class QueryPlannerStatistics(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QueryPlannerStatistics> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    // 0x10002: look at every table, not only those this (fresh, pooled) connection happens to have queried.
    public static async Task RefreshAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first run happened in DatabaseInitializer, before the site took requests.
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Refreshing SQLite's planner statistics failed; trying again in {Interval}", Interval);
            }
        }
    }
}
