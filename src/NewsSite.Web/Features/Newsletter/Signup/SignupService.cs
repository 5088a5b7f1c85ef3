using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Consent;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Signup;

public enum ConfirmationState
{
    /// <summary>The link is good: show the Confirm button.</summary>
    Ready,

    /// <summary>Already confirmed (a second click): say so kindly.</summary>
    AlreadyConfirmed,

    /// <summary>Unknown, used up or expired: offer to sign up again.</summary>
    Invalid,
}

/// <summary>A signup as the form gave it, checked: the wording is the consent text the form showed.</summary>
public sealed record SignupRequest(string Email, string? Name, string SourcePage, string Wording, IReadOnlyList<int> NewsletterIds, int? ArticleId);

/// <summary>
/// Double opt-in: a signup stores a pending address and queues a confirmation email in the same transaction; only the
/// Confirm button (a POST) confirms, because mail scanners open every link in incoming mail.
/// </summary>
public sealed class SignupService(
    NewsDbContext db,
    Outbox outbox,
    NewsletterEmails emails,
    TimeProvider clock,
    IOptions<NewsletterOptions> options,
    IOptions<Infrastructure.SiteOptions> site,
    ConsentLedger ledger,
    Infrastructure.Database.IDatabaseProvider database,
    ILogger<SignupService> logger)
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Trimmed, lower-cased address, or null when it is not one we can send to.</summary>
    public static string? NormalizeEmail(string? input)
    {
        var email = input?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ||
            !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.') || parsed.Host.EndsWith('.'))
        {
            return null;
        }
        return email.ToLowerInvariant();
    }

    /// <summary>A name safe to store: no line breaks or control characters (header injection), no more than 100 characters.</summary>
    public static bool IsAcceptableName(string? name) =>
        name is null || (name.Length <= MaxNameLength && !name.Any(char.IsControl));

    /// <summary>The newsletter every paper starts with (seeded by the migration that made newsletters several).</summary>
    public const int FirstNewsletterId = 1;

    /// <summary>
    /// Records the signup and queues a confirmation when one is due. Says nothing about what it found: new, pending and
    /// confirmed addresses all get the same answer from the caller.
    /// </summary>
    public async Task SignUpAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var articleId = await PublishedArticleAsync(request.ArticleId, cancellationToken);
        await ledger.ReadyAsync(cancellationToken);
        var newsletterIds = request.NewsletterIds.Count > 0 ? request.NewsletterIds : [FirstNewsletterId];
        var existing = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Email == request.Email, cancellationToken);
        if (existing is null)
        {
            var subscriber = new Subscriber
            {
                Email = request.Email,
                Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
                Status = SubscriberStatus.Pending,
                CreatedAt = Now,
                UnsubscribeToken = NewsletterTokens.New(),
                SignupArticleId = articleId,
                Subscriptions = newsletterIds.Select(id => new NewsletterSubscription { NewsletterId = id, CreatedAt = Now }).ToList(),
            };
            RecordConsent(subscriber, request);
            db.Subscribers.Add(subscriber);
            await QueueConfirmationAsync(subscriber);
            // The consent event names the subscriber's id, so the row is saved first, in the same transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception))
            {
                // Another request signed the same address up a moment ago: that one sends the email.
                logger.LogDebug("Concurrent signup for an existing address ignored");
                db.ChangeTracker.Clear();
                return;
            }
            await ledger.AppendAsync(subscriber, ConsentEventKind.SignedUp, cancellationToken, request.Wording, subscriber.ConsentSource, NewsletterDetail(newsletterIds));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        switch (existing.Status)
        {
            case SubscriberStatus.Confirmed:
                return;
            case SubscriberStatus.Pending when existing.LastConfirmationSentAt > Now.AddMinutes(-options.Value.ResendMinutes):
                return;
            // Spaced out beyond the resend minutes, signups could still mail someone all day: a daily cap stops that.
            case SubscriberStatus.Pending or SubscriberStatus.Unsubscribed
                when existing.ConfirmationWindowStartedAt > Now.AddDays(-1) && existing.ConfirmationsInWindow >= options.Value.ConfirmationsPerDay:
                return;
            case SubscriberStatus.Unsubscribed:
                // Coming back is allowed, but only through a fresh confirmation, and to what was chosen this time.
                existing.Status = SubscriberStatus.Pending;
                existing.UnsubscribedAt = null;
                existing.Subscriptions.Clear();
                break;
        }
        foreach (var id in newsletterIds.Where(id => existing.Subscriptions.All(s => s.NewsletterId != id)))
        {
            existing.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, CreatedAt = Now });
        }
        existing.SignupArticleId ??= articleId;
        RecordConsent(existing, request);
        await ledger.AppendAsync(existing, ConsentEventKind.SignedUp, cancellationToken, request.Wording, existing.ConsentSource, NewsletterDetail(newsletterIds));
        await QueueConfirmationAsync(existing);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The five newest published stories in the sections of the reader's newsletters, featured ones first; a newsletter
    /// with no sections (the general one) means every section.
    /// </summary>
    private async Task<IReadOnlyList<StoryLink>> WelcomeStoriesAsync(int subscriberId, CancellationToken cancellationToken)
    {
        var newsletterIds = await db.NewsletterSubscriptions.Where(s => s.SubscriberId == subscriberId).Select(s => s.NewsletterId).ToListAsync(cancellationToken);
        var sections = await db.Newsletters.Where(n => newsletterIds.Contains(n.Id)).Select(n => n.Sections.Select(s => s.Id).ToList()).ToListAsync(cancellationToken);
        var stories = db.Articles.AsNoTracking().VisibleAt(Now).Where(a => a.PublishedAt > Now.AddDays(-14));
        if (sections.Count > 0 && sections.All(s => s.Count > 0))
        {
            var sectionIds = sections.SelectMany(s => s).Distinct().ToList();
            stories = stories.Where(a => sectionIds.Contains(a.SectionId));
        }
        var found = await stories.OrderByDescending(a => a.IsFeatured).ThenByDescending(a => a.PublishedAt).Take(5)
            .Select(a => new { a.Title, a.Slug, SectionSlug = a.Section.Slug }).ToListAsync(cancellationToken);
        return found.Select(a => new StoryLink(a.Title, site.Value.AbsoluteUrl(SiteUrls.Article(a.SectionSlug, a.Slug)).ToString())).ToList();
    }

    /// <summary>The story a signup came from, when it is one readers can see; anything else is not recorded.</summary>
    private async Task<int?> PublishedArticleAsync(int? articleId, CancellationToken cancellationToken) =>
        articleId is { } id && await db.Articles.VisibleAt(Now).AnyAsync(a => a.Id == id, cancellationToken) ? id : null;

    public static string NewsletterDetail(IEnumerable<int> newsletterIds) => "newsletters: " + string.Join(",", newsletterIds.Order());

    public async Task<ConfirmationState> CheckConfirmationAsync(string? token, CancellationToken cancellationToken)
    {
        var subscriber = await FindByConfirmationTokenAsync(token, cancellationToken);
        return subscriber is null ? ConfirmationState.Invalid
            : subscriber.Status == SubscriberStatus.Confirmed ? ConfirmationState.AlreadyConfirmed
            : subscriber.ConfirmationExpiresAt < Now ? ConfirmationState.Invalid
            : ConfirmationState.Ready;
    }

    /// <summary>Confirms the address and queues the welcome email, together; returns the state the link was in.</summary>
    public async Task<ConfirmationState> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var subscriber = await FindByConfirmationTokenAsync(token, cancellationToken);
        if (subscriber is null || (subscriber.Status != SubscriberStatus.Confirmed && subscriber.ConfirmationExpiresAt < Now))
        {
            return ConfirmationState.Invalid;
        }
        if (subscriber.Status == SubscriberStatus.Confirmed)
        {
            return ConfirmationState.AlreadyConfirmed;
        }
        subscriber.Status = SubscriberStatus.Confirmed;
        subscriber.ConfirmedAt = Now;
        await ledger.AppendAsync(subscriber, ConsentEventKind.Confirmed, cancellationToken, source: SiteUrls.NewsletterConfirm);
        // The token stays (hashed) until it expires, so a second click says "already confirmed" rather than "unknown".
        if (subscriber.WelcomeSentAt is null)
        {
            subscriber.WelcomeSentAt = Now;
            outbox.Enqueue(await emails.WelcomeAsync(subscriber.Email, subscriber.UnsubscribeToken, subscriber.Name, await WelcomeStoriesAsync(subscriber.Id, cancellationToken)));
        }
        await db.SaveChangesAsync(cancellationToken);
        return ConfirmationState.Ready;
    }

    public async Task<bool> IsKnownUnsubscribeTokenAsync(string? token, CancellationToken cancellationToken) =>
        NewsletterTokens.LooksValid(token) && await db.Subscribers.AnyAsync(s => s.UnsubscribeToken == token, cancellationToken);

    /// <summary>Unsubscribes the owner of the token; false when the token is unknown. Repeating it is harmless.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken, string source = "unsubscribe link")
    {
        if (!NewsletterTokens.LooksValid(token))
        {
            return false;
        }
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.UnsubscribeToken == token, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        if (subscriber.Status != SubscriberStatus.Unsubscribed)
        {
            subscriber.Status = SubscriberStatus.Unsubscribed;
            subscriber.UnsubscribedAt = Now;
            subscriber.ConfirmationTokenHash = null;
            await ledger.AppendAsync(subscriber, ConsentEventKind.Withdrawn, cancellationToken, source: source);
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>Gives the subscriber a new confirmation token and queues the email carrying it (saved by the caller).</summary>
    public async Task QueueConfirmationAsync(Subscriber subscriber)
    {
        var token = NewsletterTokens.New();
        subscriber.ConfirmationTokenHash = NewsletterTokens.Hash(token);
        subscriber.ConfirmationExpiresAt = Now.AddHours(options.Value.ConfirmationHours);
        subscriber.LastConfirmationSentAt = Now;
        if (subscriber.ConfirmationWindowStartedAt is not { } start || start <= Now.AddDays(-1))
        {
            subscriber.ConfirmationWindowStartedAt = Now;
            subscriber.ConfirmationsInWindow = 0;
        }
        subscriber.ConfirmationsInWindow++;
        // Nothing the visitor typed goes into this email: the form cannot be used to send text to strangers.
        outbox.Enqueue(await emails.ConfirmationAsync(subscriber.Email, token));
    }

    private async Task<Subscriber?> FindByConfirmationTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!NewsletterTokens.LooksValid(token))
        {
            return null;
        }
        var hash = NewsletterTokens.Hash(token!);
        return await db.Subscribers.FirstOrDefaultAsync(s => s.ConfirmationTokenHash == hash, cancellationToken);
    }

    private void RecordConsent(Subscriber subscriber, SignupRequest request)
    {
        subscriber.ConsentAt = Now;
        subscriber.ConsentSource = request.SourcePage.Length > 500 ? request.SourcePage[..500] : request.SourcePage;
        subscriber.ConsentText = request.Wording;
    }

    private bool IsUniqueViolation(DbUpdateException exception) => database.IsUniqueViolation(exception);
}
