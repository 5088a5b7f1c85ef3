using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Features.Breaking;

public sealed class BreakingNewsOptions
{
    public const string SectionName = "BreakingNews";

    /// <summary>
    /// How often expired banners are taken down. Cached pages drop a banner at the first check after it expires, so
    /// this bounds how long an expired banner can still be seen on a page cached before the expiry.
    /// </summary>
    [Range(0.05, 300)]
    public double CheckSeconds { get; set; } = 15;

    /// <summary>The longest an editor may keep a banner up.</summary>
    [Range(1, 30)]
    public int MaxDays { get; set; } = 7;
}

/// <summary>
/// Takes down banners whose time has passed. The pages cache the banner in their HTML, so its expiry must be a
/// change like any other: marking the row cleared in a SaveChanges evicts cached pages and memos on every node.
/// Under a job lease, so with several nodes one of them does it.
/// </summary>
public sealed class BreakingNewsExpiry(IServiceScopeFactory scopes, IJobLeases leases, TimeProvider clock, IOptions<BreakingNewsOptions> options, SiteStarted siteStarted, ILogger<BreakingNewsExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), clock);
        do
        {
            try
            {
                await using var lease = await leases.TryAcquireAsync(JobNames.BreakingNewsExpiry, stoppingToken);
                if (lease is not null)
                {
                    await ClearExpiredAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Taking down expired breaking-news banners failed; trying again at the next check");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Marks every expired banner cleared (at its expiry); returns how many.</summary>
    public async Task<int> ClearExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Set<BreakingNews>()
            .Where(b => b.ClearedAt == null && b.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var banner in expired)
        {
            banner.ClearedAt = banner.ExpiresAt;
        }
        if (expired.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Took down {Count} expired breaking-news banners", expired.Count);
        }
        return expired.Count;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
