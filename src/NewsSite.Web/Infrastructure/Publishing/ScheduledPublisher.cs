using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Infrastructure.Publishing;

public sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary>How often the scheduler looks for stories that are due.</summary>
    [Range(0.05, 60)]
    public double CheckSeconds { get; set; } = 15;

    /// <summary>A scheduled story that went out more than this late is flagged on the dashboard.</summary>
    [Range(1, 3600)]
    public double LateAfterSeconds { get; set; } = 120;
}

/// <summary>
/// Publishes scheduled stories when they fall due, and ends front-page pins whose time is up. It runs as soon as the site starts, so a story whose time passed
/// while the site was down goes out at once (and is then flagged as late), and then every few seconds.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, Jobs.IJobLeases leases, TimeProvider clock, IOptions<PublishingOptions> options, SiteStarted siteStarted, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), clock);
        do
        {
            try
            {
                // One publisher at a time, however many nodes run: two would publish a story twice.
                await using var lease = await leases.TryAcquireAsync(Jobs.JobNames.PublishScheduled, stoppingToken);
                if (lease is not null)
                {
                    using var activity = Telemetry.SiteMetrics.Activities.StartActivity("scheduler round");
                    await PublishDueAsync(stoppingToken);
                    await EndExpiredPinsAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Publishing scheduled stories failed; trying again at the next check");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Publishes every scheduled story that is due; returns how many went out.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<PublishingWorkflow>();
        var now = clock.GetUtcNow().UtcDateTime;

        var due = await db.Articles
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now && a.DeletedAt == null)
            .ToListAsync(cancellationToken);
        var lateness = new List<double>(due.Count);
        foreach (var article in due)
        {
            // The same step as the editor's Publish: one version, one audit entry, the due time kept as the date.
            var lateBy = now - article.PublishedAt!.Value;
            lateness.Add(Math.Max(0, lateBy.TotalSeconds));
            var late = lateBy.TotalSeconds > options.Value.LateAfterSeconds;
            workflow.Publish(article, late ? $"scheduled; went out {lateBy:g} late" : "scheduled", actorName: "scheduler");
            if (late)
            {
                logger.LogWarning("Scheduled article {ArticleId} went out {LateBy} late", article.Id, lateBy);
            }
        }
        if (due.Count > 0)
        {
            // The save evicts the cached pages, so the story appears everywhere at once.
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Published {Count} scheduled articles", due.Count);
            // Only once they are live: lateness is how long readers waited past the time the editor chose.
            lateness.ForEach(seconds => Telemetry.SiteMetrics.SchedulerLateness.Record(seconds));
        }
        return due.Count;
    }

    /// <summary>
    /// Removes front-page pins whose time is up. The front page already ignores them, but a cached copy does not
    /// know the time: the save evicts it, so the page changes within one check of the expiry.
    /// </summary>
    public async Task<int> EndExpiredPinsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<Auditing.AuditTrail>();
        var now = clock.GetUtcNow().UtcDateTime;

        // The pins alone first, then their stories by key: joined in one statement, SQLite (with no statistics for
        // the few-row pins table) walked every story to find them, 260 ms a round at 100,000 stories.
        var expired = await db.FrontPagePins.Where(p => p.ExpiresAt <= now).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }
        var ids = expired.Select(p => p.ArticleId).ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title })
            .ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        foreach (var pin in expired)
        {
            db.FrontPagePins.Remove(pin);
            audit.Record(Auditing.AuditActions.FrontPageUnpinned, titles.GetValueOrDefault(pin.ArticleId, $"story {pin.ArticleId}"), "the pin's time was up", actorName: "scheduler");
        }
        await db.SaveChangesAsync(cancellationToken);
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
