using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Database;

/// <summary>
/// Keeps the query planner's statistics fresh. Without them the planner guesses, and guesses badly at newsroom scale:
/// it read 100,000 index entries of "published, by date" to find the 40 related stories it already had the ids of.
/// The first refresh runs at start-up (<see cref="IDatabaseProvider.PrepareAsync"/>), then every few hours here.
/// </summary>
internal sealed class PlannerStatistics(IServiceScopeFactory scopes, IDatabaseProvider provider, Jobs.IJobLeases leases, TimeProvider clock, ILogger<PlannerStatistics> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first run happened in DatabaseInitializer, before the site took requests.
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var lease = await leases.TryAcquireAsync(Jobs.JobNames.PlannerStatistics, stoppingToken);
                if (lease is null)
                {
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await provider.RefreshStatisticsAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Refreshing the planner statistics failed; trying again in {Interval}", Interval);
            }
        }
    }
}
