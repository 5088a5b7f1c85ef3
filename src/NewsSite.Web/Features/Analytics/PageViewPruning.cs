using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Features.Analytics;

/// <summary>
/// Deletes hourly counts older than Analytics:KeepDays, once an hour, under a job lease: unlike the flush, this is
/// work for the cluster, done once by whichever node takes the lease.
/// </summary>
public sealed class PageViewPruning(IServiceScopeFactory scopes, IJobLeases leases, TimeProvider clock, IOptions<AnalyticsOptions> options, SiteStarted siteStarted, ILogger<PageViewPruning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        try
        {
            do
            {
                try
                {
                    await using var lease = await leases.TryAcquireAsync(JobNames.PageViewPruning, stoppingToken);
                    if (lease is not null)
                    {
                        await PruneAsync(stoppingToken);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(exception, "Deleting old page-view counts failed; trying again in an hour");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes the counts older than the keeping period; returns how many rows.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepDays);
        // The unique index leads with Hour: a range delete from its start.
        var deleted = await db.PageViewCounts.Where(c => c.Hour < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} page-view counts older than {Days} days", deleted, options.Value.KeepDays);
        }
        return deleted;
    }
}
