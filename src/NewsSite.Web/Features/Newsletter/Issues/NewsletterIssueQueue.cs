using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Newsletter.Issues;

public sealed record IssueProgress(int Queued, int Sent, int Failed, int Waiting);

public sealed record IssueRow(int Id, string Subject, NewsletterIssueStatus Status, DateTime CreatedAt, DateTime? QueuedAt, int ArticleCount, IssueProgress Progress,
    DateTime? ScheduledFor = null, bool IsDigest = false, string NewsletterName = "");

public sealed record ArticleChoice(int Id, string Title, DateTime PublishedAt);

public sealed record IssueDraft(int? Id, string Subject, string Intro, IReadOnlyList<int> ArticleIds, NewsletterIssueStatus Status, IssueProgress Progress, int NewsletterId = 1,
    DateTime? ScheduledFor = null, string Preheader = "", bool IsDigest = false);

/// <summary>When a draft goes out by itself (null: when an editor presses Send), and its inbox line.</summary>
public sealed record IssueTiming(DateTime? ScheduledFor, string? Preheader);

public enum SendOutcome
{
    Queued,
    AlreadySent,
    NoStories,
    NotFound,
}

/// <summary>
/// Newsletter issues: composed from published stories, previewed, tested, then queued once for every confirmed
/// subscriber. The queueing claims the issue first (Draft → Sending in one statement), so a double click or a
/// second POST finds it claimed and queues nothing. It never sends: the outbox's sender (OutboxSender) delivers.
/// </summary>
public sealed class NewsletterIssueQueue(
    NewsDbContext db,
    Outbox outbox,
    Infrastructure.Database.IBulkMailQueue bulkMail,
    Infrastructure.Database.IDatabaseProvider database,
    OutboxSignal signal,
    NewsletterEmails emails,
    EmailImages images,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<SiteOptions> site,
    IOptions<NewsletterOptions> newsletterOptions,
    CurrentSite currentSite,
    Infrastructure.Caching.IContentChangeSignal contentChanged,
    ILogger<NewsletterIssueQueue> logger)
{
    private const string KindPrefix = "newsletter:";

    public static string KindOf(int issueId) => $"{KindPrefix}{issueId}";

    /// <summary>The issue an outbox message belongs to, from its kind; null for any other mail.</summary>
    public static int? IssueIdOf(string kind) =>
        kind.StartsWith(KindPrefix, StringComparison.Ordinal) && int.TryParse(kind.AsSpan(KindPrefix.Length), out var id) ? id : null;

    public async Task<IReadOnlyList<IssueRow>> ListAsync(CancellationToken cancellationToken)
    {
        var issues = await db.NewsletterIssues.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(100)
            .Select(i => new { i.Id, i.Subject, i.Status, i.CreatedAt, i.QueuedAt, i.QueuedCount, Articles = i.Articles.Count, i.ScheduledFor, i.IsDigest, NewsletterName = i.Newsletter!.Name })
            .ToListAsync(cancellationToken);
        var rows = new List<IssueRow>(issues.Count);
        foreach (var issue in issues)
        {
            rows.Add(new IssueRow(issue.Id, issue.Subject, issue.Status, issue.CreatedAt, issue.QueuedAt, issue.Articles, await ProgressAsync(issue.Id, issue.QueuedCount, cancellationToken),
                issue.ScheduledFor, issue.IsDigest, issue.NewsletterName));
        }
        return rows;
    }

    /// <summary>
    /// The stories an editor chooses from: those already chosen, in their order, then published stories whose
    /// headline contains <paramref name="query"/> (or the newest), so any story can go in, not only this week's.
    /// </summary>
    public async Task<(IReadOnlyList<ArticleChoice> Chosen, IReadOnlyList<ArticleChoice> Found)> StoryChoicesAsync(string? query, IReadOnlyList<int> chosenIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var chosen = await db.Articles.AsNoTracking().Where(a => chosenIds.Contains(a.Id))
            .Select(a => new ArticleChoice(a.Id, a.Title, a.PublishedAt ?? a.CreatedAt)).ToListAsync(cancellationToken);
        var candidates = db.Articles.AsNoTracking().VisibleAt(now).Where(a => !chosenIds.Contains(a.Id));
        if (!string.IsNullOrWhiteSpace(query))
        {
            candidates = database.WhereContainsIgnoringCase(candidates, query.Trim(), a => a.Title);
        }
        var found = await candidates.NewestFirst().Take(50).Select(a => new ArticleChoice(a.Id, a.Title, a.PublishedAt!.Value)).ToListAsync(cancellationToken);
        return (chosenIds.Select(id => chosen.FirstOrDefault(c => c.Id == id)).OfType<ArticleChoice>().ToList(), found);
    }

    public async Task<IReadOnlyList<ArticleChoice>> RecentStoriesAsync(CancellationToken cancellationToken) =>
        await db.Articles.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime).NewestFirst().Take(50)
            .Select(a => new ArticleChoice(a.Id, a.Title, a.PublishedAt!.Value)).ToListAsync(cancellationToken);

    public async Task<IssueDraft?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var issue = await db.NewsletterIssues.AsNoTracking().Include(i => i.Articles).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return issue is null ? null : new IssueDraft(issue.Id, issue.Subject, issue.Intro,
            issue.Articles.OrderBy(a => a.Position).Select(a => a.ArticleId).ToList(), issue.Status, await ProgressAsync(issue.Id, issue.QueuedCount, cancellationToken), issue.NewsletterId,
            issue.ScheduledFor, issue.Preheader, issue.IsDigest);
    }

    /// <summary>Creates or updates a draft issue; null when it has already been sent (and so can no longer change).</summary>
    public async Task<int?> SaveAsync(int? id, string subject, string? intro, IReadOnlyList<int> articleIds, string author, CancellationToken cancellationToken, int? newsletterId = null, IssueTiming? timing = null)
    {
        NewsletterIssue issue;
        if (id is { } existing)
        {
            issue = await db.NewsletterIssues.Include(i => i.Articles).FirstOrDefaultAsync(i => i.Id == existing, cancellationToken) ?? throw new KeyNotFoundException();
            if (issue.Status != NewsletterIssueStatus.Draft)
            {
                return null;
            }
        }
        else
        {
            issue = new NewsletterIssue { Subject = subject, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByName = author };
            db.NewsletterIssues.Add(issue);
        }
        issue.Subject = subject.Trim();
        issue.Intro = (intro ?? "").Trim();
        if (newsletterId is { } chosenList && await db.Newsletters.AnyAsync(n => n.Id == chosenList, cancellationToken))
        {
            issue.NewsletterId = chosenList;
        }
        if (timing is not null)
        {
            issue.ScheduledFor = timing.ScheduledFor;
            issue.Preheader = (timing.Preheader ?? "").Trim();
        }
        if (issue.IsDigest)
        {
            // Edited by hand: the digest job no longer refreshes its stories (see NewsletterScheduler.DigestAuthor).
            issue.CreatedByName = author;
        }
        var published = await db.Articles.VisibleAt(clock.GetUtcNow().UtcDateTime).Where(a => articleIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var chosen = articleIds.Distinct().Where(published.Contains).ToList();
        issue.Articles.Clear();
        issue.Articles.AddRange(chosen.Select((articleId, position) => new NewsletterIssueArticle { ArticleId = articleId, Position = position }));
        await db.SaveChangesAsync(cancellationToken);
        return issue.Id;
    }

    /// <summary>"Send to subscribers" from a published story: a draft issue with that story, ready to review.</summary>
    public async Task<int?> DraftFromArticleAsync(int articleId, string author, CancellationToken cancellationToken)
    {
        var title = await db.Articles.VisibleAt(clock.GetUtcNow().UtcDateTime).Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        return title is null ? null : await SaveAsync(null, title, null, [articleId], author, cancellationToken);
    }

    public async Task<IssueTemplate?> RenderAsync(int id, CancellationToken cancellationToken) => await RenderAsync(id, forSending: false, cancellationToken);

    /// <summary>The issue as sent: with the open pixel when Newsletter:CountOpens is on (never in previews and tests).</summary>
    private async Task<IssueTemplate?> RenderAsync(int id, bool forSending, CancellationToken cancellationToken)
    {
        var issue = await db.NewsletterIssues.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Subject, i.Intro, i.Preheader, i.Newsletter!.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (issue is null)
        {
            return null;
        }
        var paper = await currentSite.GetAsync(cancellationToken);
        // The web version shows the pictures as stored; the email gets copies every mail client shows.
        return await emails.IssueAsync(issue.Subject, issue.Intro, await images.ForEmailAsync(await StoriesAsync(id, cancellationToken, campaign: issue.Slug), cancellationToken),
            new IssueExtras(site.Value.AbsoluteUrl(SiteUrls.NewsletterIssue(issue.Slug, id)).ToString(), issue.Preheader, paper.PostalAddress,
                forSending && newsletterOptions.Value.CountOpens ? site.Value.AbsoluteUrl(SiteUrls.NewsletterOpen(id)).ToString() : null));
    }

    /// <summary>
    /// An issue's stories in order, as the email and its web version show them. In the email (a <paramref name="campaign"/>,
    /// the newsletter's slug) each story link says it came from the newsletter, so the site's page-view counts can
    /// tell; the query string neither splits nor bypasses the page cache, which varies only by the parameters pages read.
    /// </summary>
    public async Task<IReadOnlyList<NewsletterStory>> StoriesAsync(int id, CancellationToken cancellationToken, string? campaign = null)
    {
        var stories = await db.NewsletterIssueArticles.AsNoTracking().Where(l => l.NewsletterIssueId == id).OrderBy(l => l.Position)
            .Select(l => new
            {
                l.Article.Title, l.Article.Standfirst, SectionSlug = l.Article.Section.Slug, SectionName = l.Article.Section.Name, l.Article.Slug,
                l.Article.HeroImageUrl, l.Article.HeroImageAlt, l.Article.WorkType, l.Article.SponsorName,
                Authors = l.Article.Authors.OrderBy(a => a.Position).Select(a => a.Author.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return stories.Select(s => new NewsletterStory(
            s.Title, s.Standfirst, site.Value.AbsoluteUrl(SiteUrls.Article(s.SectionSlug, s.Slug)).ToString() + (campaign is null ? "" : SiteUrls.FromNewsletter(campaign)),
            s.HeroImageUrl is null ? null : site.Value.AbsoluteUrl(s.HeroImageUrl).ToString(),
            // Every image says what it shows; a story picture without words is named by its headline.
            s.HeroImageUrl is null ? null : string.IsNullOrWhiteSpace(s.HeroImageAlt) ? s.Title : s.HeroImageAlt,
            WorkLabels.PaidFor(s.WorkType, s.SponsorName) is { } paidFor ? $"Sponsored · {paidFor}" : WorkLabels.Shown(s.WorkType),
            s.SectionName,
            s.Authors.Count == 0 ? null : "By " + JoinNames(s.Authors))).ToList();
    }

    /// <summary>
    /// The issue with each story link and its web version going through /newsletters/click/{linkId}, which counts
    /// the click and redirects to the address stored here (so the redirect can lead nowhere else). Stored URLs are
    /// the site's own absolute addresses (slugs, and the newsletter's utm_* parameters), matched as HTML-encoded.
    /// </summary>
    private async Task<IssueTemplate> CountedLinksAsync(int id, IssueTemplate template, CancellationToken cancellationToken)
    {
        var web = await db.NewsletterIssues.Where(i => i.Id == id).Select(i => i.Newsletter!.Slug).FirstAsync(cancellationToken);
        var stories = await StoriesAsync(id, cancellationToken, campaign: web);
        var urls = stories.Select(s => s.Url).Prepend(site.Value.AbsoluteUrl(SiteUrls.NewsletterIssue(web, id)).ToString()).Distinct().ToList();
        var links = urls.Select(url => new NewsletterLink { NewsletterIssueId = id, Url = url }).ToList();
        db.NewsletterLinks.AddRange(links);
        await db.SaveChangesAsync(cancellationToken);
        var html = template.Html;
        var textLines = template.Text.Split('\n');
        foreach (var link in links)
        {
            var counted = site.Value.AbsoluteUrl(SiteUrls.NewsletterClick(link.Id)).ToString();
            // As the template wrote it: a story link's query string has its & encoded.
            html = html.Replace($"href=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(link.Url)}\"", $"href=\"{counted}\"", StringComparison.Ordinal);
            for (var i = 0; i < textLines.Length; i++)
            {
                var line = textLines[i].TrimEnd('\r');
                if (line == link.Url || line.EndsWith(" " + link.Url, StringComparison.Ordinal))
                {
                    textLines[i] = line[..^link.Url.Length] + counted + (textLines[i].EndsWith('\r') ? "\r" : "");
                }
            }
        }
        return template with { Html = html, Text = string.Join('\n', textLines) };
    }

    public sealed record LinkCount(string Url, long Clicks);

    /// <summary>An issue's counted links, most clicked first, and its counted opens.</summary>
    public async Task<(IReadOnlyList<LinkCount> Links, long Opens)> CountsAsync(int id, CancellationToken cancellationToken)
    {
        var links = await db.NewsletterLinks.AsNoTracking().Where(l => l.NewsletterIssueId == id).OrderByDescending(l => l.Clicks).ThenBy(l => l.Id)
            .Select(l => new LinkCount(l.Url, l.Clicks)).ToListAsync(cancellationToken);
        var opens = await db.NewsletterIssues.Where(i => i.Id == id).Select(i => i.Opens).FirstOrDefaultAsync(cancellationToken);
        return (links, opens);
    }

    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>Sends the issue to one address (the editor's own), marked as a test.</summary>
    public async Task<bool> SendTestAsync(int id, string email, CancellationToken cancellationToken)
    {
        var template = await RenderAsync(id, cancellationToken);
        if (template is null)
        {
            return false;
        }
        var message = template.For(email, "test-link-not-a-subscriber", $"newsletter-test:{id}") with { Subject = $"[Test] {template.Subject}", IsBulk = false };
        outbox.Enqueue(message);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Queues the issue for every confirmed subscriber, once; returns what happened and how many were queued.</summary>
    public async Task<(SendOutcome Outcome, int Count)> SendAsync(int id, CancellationToken cancellationToken)
    {
        var template = await RenderAsync(id, forSending: true, cancellationToken);
        if (template is null)
        {
            return (SendOutcome.NotFound, 0);
        }
        if (!await db.NewsletterIssueArticles.AnyAsync(l => l.NewsletterIssueId == id, cancellationToken))
        {
            return (SendOutcome.NoStories, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.NewsletterIssues.Where(i => i.Id == id && i.Status == NewsletterIssueStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, NewsletterIssueStatus.Sending).SetProperty(i => i.QueuedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (SendOutcome.AlreadySent, 0);
        }

        var newsletter = await db.NewsletterIssues.Where(i => i.Id == id).Select(i => new { i.NewsletterId, i.Newsletter!.SenderName }).FirstAsync(cancellationToken);
        if (newsletterOptions.Value.CountClicks)
        {
            template = await CountedLinksAsync(id, template, cancellationToken);
        }
        var body = outbox.AddTemplate(template.Subject, template.Html, template.Text, template.Placeholder, emails.UnsubscribeHeaders(template.Placeholder), newsletter.SenderName);
        await db.SaveChangesAsync(cancellationToken);

        var count = await bulkMail.QueueForConfirmedSubscribersAsync(newsletter.NewsletterId, body.Id, body.Subject, KindOf(id), newsletter.SenderName, now, cancellationToken);
        await db.NewsletterIssues.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.QueuedCount, count), cancellationToken);
        audit.Record(AuditActions.NewsletterQueued, $"newsletter {id}: {template.Subject}", $"queued for {count} subscribers");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        // The claim was an ExecuteUpdate, which the page-cache evictor does not see: the archive gains an issue now.
        await contentChanged.ContentChangedAsync([Infrastructure.Caching.CacheTags.NewsletterArchive], cancellationToken);
        logger.LogInformation("Queued newsletter {IssueId} for {Count} subscribers", id, count);
        return (SendOutcome.Queued, count);
    }

    /// <summary>
    /// Queues again the failed messages of one issue, or with no issue every failed email (confirmations, resets
    /// included); audited. Null when the issue does not exist.
    /// </summary>
    public async Task<int?> RetryFailedAsync(int? issueId, CancellationToken cancellationToken)
    {
        if (issueId is { } id && !await db.NewsletterIssues.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await outbox.RetryFailedAsync(issueId is { } issue ? KindOf(issue) : null, cancellationToken);
        if (count > 0)
        {
            audit.Record(AuditActions.MailRetry, issueId is { } target ? $"newsletter {target}" : "outbox", $"{count} failed emails queued again");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return count;
    }

    /// <summary>How many would get an issue of this newsletter now: confirmed, subscribed to it, not paused.</summary>
    public Task<int> AudienceAsync(int newsletterId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.NewsletterSubscriptions.CountAsync(s => s.NewsletterId == newsletterId && s.Subscriber.Status == SubscriberStatus.Confirmed
            && (s.Subscriber.PausedUntil == null || s.Subscriber.PausedUntil <= now), cancellationToken);
    }

    public Task<int> FailedEmailsAsync(CancellationToken cancellationToken) => outbox.FailedCountAsync(cancellationToken);

    public async Task<IssueProgress> ProgressAsync(int id, int queued, CancellationToken cancellationToken)
    {
        var kind = KindOf(id);
        var counts = await db.Outbox.Where(m => m.Kind == kind).GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(OutboxStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        // Sent is counted from the recipients record, which outlives the outbox's retention.
        var sent = await db.NewsletterRecipients.CountAsync(r => r.NewsletterIssueId == id, cancellationToken);
        return new IssueProgress(queued, sent, Of(OutboxStatus.Failed), Of(OutboxStatus.Pending));
    }
}
