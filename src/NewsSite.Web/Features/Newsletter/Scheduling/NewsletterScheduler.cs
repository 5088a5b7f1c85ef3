using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Features.Newsletter.Newsletters;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Features.Newsletter.Scheduling;

/// <summary>
/// Sends scheduled issues when they fall due, and keeps each automatic digest's next issue ready as a draft the
/// editors can open before it goes: built from the stories published in its sections since the last digest that
/// went out, refreshed each round until an editor changes it by hand. One runner at a time (a job lease); the send
/// itself is NewsletterIssueQueue.SendAsync, whose Draft → Sending claim means an issue is queued once whatever runs.
/// </summary>
public sealed class NewsletterScheduler(IServiceScopeFactory scopes, IJobLeases leases, TimeProvider clock, IOptions<NewsletterOptions> options, SiteStarted siteStarted, ILogger<NewsletterScheduler> logger) : BackgroundService
{
    /// <summary>Who prepared a digest the job built; an editor's save puts their name there, and the job leaves it alone.</summary>
    public const string DigestAuthor = "automatic digest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScheduleCheckSeconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Preparing or sending scheduled newsletters failed; trying again at the next check");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One round under the lease; false when another runner holds it.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobNames.NewsletterSchedule, cancellationToken);
        if (lease is null)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var zone = (await scope.ServiceProvider.GetRequiredService<CurrentSite>().GetAsync(cancellationToken)).Zone;
        foreach (var newsletterId in await db.Newsletters.Where(n => n.IsActive && n.IsDigest).Select(n => n.Id).ToListAsync(cancellationToken))
        {
            await PrepareDigestAsync(db, newsletterId, zone, cancellationToken);
        }
        await SendDueAsync(db, scope.ServiceProvider.GetRequiredService<NewsletterIssueQueue>(), cancellationToken);
        return true;
    }

    private async Task PrepareDigestAsync(NewsDbContext db, int newsletterId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var newsletter = await db.Newsletters.AsNoTracking().Where(n => n.Id == newsletterId)
            .Select(n => new { n.Name, n.DigestDays, n.DigestMinuteOfDay, n.DigestMaxStories, n.LastDigestAt, Sections = n.Sections.Select(s => s.Id).ToList() })
            .FirstAsync(cancellationToken);
        var draft = await db.NewsletterIssues.Include(i => i.Articles)
            .Where(i => i.NewsletterId == newsletterId && i.IsDigest && i.Status == NewsletterIssueStatus.Draft)
            .OrderBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            if (DigestSchedule.NextAfter(now, newsletter.DigestDays, newsletter.DigestMinuteOfDay, zone) is not { } next)
            {
                return;
            }
            draft = new NewsletterIssue
            {
                NewsletterId = newsletterId,
                Subject = $"{newsletter.Name}: {TimeZoneInfo.ConvertTimeFromUtc(next, zone):dddd d MMMM}",
                IsDigest = true,
                ScheduledFor = next,
                CreatedAt = now,
                CreatedByName = DigestAuthor,
            };
            db.NewsletterIssues.Add(draft);
        }
        else if (draft.CreatedByName != DigestAuthor || draft.ScheduledFor is null)
        {
            // An editor has changed it (or held it back by clearing its time): theirs now, as they left it.
            return;
        }

        // Since the last digest that went out; before the first, since the send time before this one.
        var since = newsletter.LastDigestAt
            ?? DigestSchedule.PreviousAtOrBefore(draft.ScheduledFor!.Value.AddTicks(-1), newsletter.DigestDays, newsletter.DigestMinuteOfDay, zone)
            ?? now.AddDays(-7);
        var stories = await db.Articles.AsNoTracking().VisibleAt(now)
            .Where(a => newsletter.Sections.Contains(a.SectionId) && a.PublishedAt > since)
            .NewestFirst().Take(newsletter.DigestMaxStories).Select(a => a.Id).ToListAsync(cancellationToken);
        if (!stories.SequenceEqual(draft.Articles.OrderBy(a => a.Position).Select(a => a.ArticleId)))
        {
            draft.Articles.Clear();
            draft.Articles.AddRange(stories.Select((id, position) => new NewsletterIssueArticle { ArticleId = id, Position = position }));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SendDueAsync(NewsDbContext db, NewsletterIssueQueue issues, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.NewsletterIssues.AsNoTracking()
            .Where(i => i.Status == NewsletterIssueStatus.Draft && i.ScheduledFor != null && i.ScheduledFor <= now)
            .OrderBy(i => i.ScheduledFor).Select(i => new { i.Id, i.NewsletterId, i.IsDigest }).ToListAsync(cancellationToken);
        foreach (var issue in due)
        {
            var (outcome, count) = await issues.SendAsync(issue.Id, cancellationToken);
            switch (outcome)
            {
                case SendOutcome.Queued when issue.IsDigest:
                    // The next digest carries what is published from now on.
                    await db.Newsletters.Where(n => n.Id == issue.NewsletterId).ExecuteUpdateAsync(s => s.SetProperty(n => n.LastDigestAt, now), cancellationToken);
                    logger.LogInformation("Sent digest {IssueId} of newsletter {NewsletterId} to {Count} subscribers", issue.Id, issue.NewsletterId, count);
                    break;
                case SendOutcome.Queued:
                    logger.LogInformation("Sent scheduled newsletter {IssueId} to {Count} subscribers", issue.Id, count);
                    break;
                case SendOutcome.NoStories when issue.IsDigest:
                    // Nothing new: no email. The draft goes, and the last digest's time stays, so the next one
                    // carries everything published since the last digest readers actually received.
                    await db.NewsletterIssues.Where(i => i.Id == issue.Id && i.Status == NewsletterIssueStatus.Draft).ExecuteDeleteAsync(cancellationToken);
                    logger.LogInformation("Skipped digest {IssueId} of newsletter {NewsletterId}: nothing new was published", issue.Id, issue.NewsletterId);
                    break;
                case SendOutcome.NoStories:
                    // A hand-made issue with no stories is held back for its editor rather than retried every round.
                    await db.NewsletterIssues.Where(i => i.Id == issue.Id && i.Status == NewsletterIssueStatus.Draft)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.ScheduledFor, (DateTime?)null), cancellationToken);
                    logger.LogWarning("Scheduled newsletter {IssueId} has no stories; it was not sent and is no longer scheduled", issue.Id);
                    break;
            }
        }
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
