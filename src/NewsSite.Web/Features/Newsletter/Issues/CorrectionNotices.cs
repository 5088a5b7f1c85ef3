using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Corrections;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Newsletter.Issues;

public enum CorrectionSendOutcome
{
    Queued,
    AlreadySent,
    NoRecipients,
    NotFound,
}

/// <summary>
/// Sends a correction to exactly the people who received the story in a newsletter: the issues' recipient record
/// (NewsletterRecipient), less anyone who has unsubscribed or been erased since (as the newsletter itself, only
/// confirmed subscribers get mail). Once per correction: the correction is claimed (SentToSubscribersAt set in one
/// statement) in the same transaction that queues the messages, so a second click queues nothing.
/// </summary>
public sealed class CorrectionNotices(
    NewsDbContext db,
    Outbox outbox,
    OutboxSignal signal,
    NewsletterEmails emails,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<SiteOptions> site,
    ILogger<CorrectionNotices> logger)
{
    private const string KindPrefix = "correction:";

    /// <summary>How many people a correction to this story would reach now.</summary>
    public Task<int> RecipientCountAsync(int articleId, CancellationToken cancellationToken) =>
        Recipients(articleId).Select(s => s.Id).Distinct().CountAsync(cancellationToken);

    public async Task<(CorrectionSendOutcome Outcome, int Count)> SendAsync(int articleId, int correctionId, CancellationToken cancellationToken)
    {
        var correction = await db.Corrections.AsNoTracking().Where(c => c.Id == correctionId && c.ArticleId == articleId)
            .Select(c => new { c.Kind, c.Text, c.SentToSubscribersAt, c.Article.Title, SectionSlug = c.Article.Section.Slug, c.Article.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (correction is null)
        {
            return (CorrectionSendOutcome.NotFound, 0);
        }
        if (correction.SentToSubscribersAt is not null)
        {
            return (CorrectionSendOutcome.AlreadySent, 0);
        }

        var storyUrl = site.Value.AbsoluteUrl(SiteUrls.Article(correction.SectionSlug, correction.Slug) + "#" + CorrectionKinds.Anchor(correctionId)).ToString();
        var template = await emails.CorrectionAsync(CorrectionKinds.Label(correction.Kind), correction.Title, correction.Text, storyUrl);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recipients = await Recipients(articleId).Select(s => new { s.Email, s.UnsubscribeToken }).Distinct().ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return (CorrectionSendOutcome.NoRecipients, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Corrections.Where(c => c.Id == correctionId && c.SentToSubscribersAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SentToSubscribersAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (CorrectionSendOutcome.AlreadySent, 0);
        }
        var kind = KindPrefix + correctionId;
        foreach (var recipient in recipients)
        {
            outbox.Enqueue(template.For(recipient.Email, recipient.UnsubscribeToken, kind));
        }
        audit.Record(AuditActions.CorrectionSent, $"article {articleId}", $"correction {correctionId} queued for {recipients.Count} newsletter recipients");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        logger.LogInformation("Queued correction {CorrectionId} of article {ArticleId} for {Count} newsletter recipients", correctionId, articleId, recipients.Count);
        return (CorrectionSendOutcome.Queued, recipients.Count);
    }

    // From the issues' recipient rows (indexed by issue) to the subscriber by address; the same person may appear
    // once per issue that carried the story, so callers take each address once.
    private IQueryable<Subscriber> Recipients(int articleId) =>
        from link in db.NewsletterIssueArticles.AsNoTracking()
        where link.ArticleId == articleId
        join received in db.NewsletterRecipients on link.NewsletterIssueId equals received.NewsletterIssueId
        join subscriber in db.Subscribers on received.Address equals subscriber.Email
        where subscriber.Status == SubscriberStatus.Confirmed
        select subscriber;
}
