using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Consent;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Features.Newsletter.Subscribers;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Newsletter.Preferences;

public sealed record PreferencesView(string Email, string? Name, SubscriberStatus Status, IReadOnlyList<int> Chosen, DateTime? PausedUntil, string? PendingEmail);

/// <summary>
/// What a reader can do with their own subscription from the link in any email: choose newsletters, pause, change
/// address (confirmed at the new one), download everything we hold, unsubscribe, erase. Every change is in the ledger.
/// </summary>
public sealed class PreferenceCentre(
    NewsDbContext db,
    NewsletterChoices choices,
    ConsentLedger ledger,
    SubscriberDirectory directory,
    Outbox outbox,
    NewsletterEmails emails,
    IOptions<NewsletterOptions> options,
    TimeProvider clock)
{
    public static readonly int[] PauseWeeks = [1, 2, 4];
    private const string Source = SiteUrls.NewsletterPreferences;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Subscriber?> FindAsync(string unsubscribeToken, CancellationToken cancellationToken) =>
        db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.UnsubscribeToken == unsubscribeToken, cancellationToken);

    public async Task<PreferencesView?> ViewAsync(string unsubscribeToken, CancellationToken cancellationToken) =>
        await FindAsync(unsubscribeToken, cancellationToken) is { } s
            ? new PreferencesView(s.Email, s.Name, s.Status, s.Subscriptions.Select(x => x.NewsletterId).ToList(), s.PausedUntil > Now ? s.PausedUntil : null, s.PendingEmail)
            : null;

    /// <summary>Sets the newsletters to exactly those chosen among the active ones (at least one: to stop them all, unsubscribe).</summary>
    public async Task<bool> ChooseAsync(string unsubscribeToken, IEnumerable<int> chosen, CancellationToken cancellationToken)
    {
        var subscriber = await FindAsync(unsubscribeToken, cancellationToken);
        var wanted = (await choices.ActiveAsync(cancellationToken)).Select(n => n.Id).Intersect(chosen).ToList();
        if (subscriber is null || wanted.Count == 0)
        {
            return false;
        }
        subscriber.Subscriptions.RemoveAll(s => !wanted.Contains(s.NewsletterId));
        foreach (var id in wanted.Where(id => subscriber.Subscriptions.All(s => s.NewsletterId != id)))
        {
            subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, CreatedAt = Now });
        }
        await ledger.AppendAsync(subscriber, ConsentEventKind.NewslettersChanged, cancellationToken, source: Source, detail: SignupService.NewsletterDetail(wanted));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Pauses every newsletter for some weeks (0 resumes now).</summary>
    public async Task<bool> PauseAsync(string unsubscribeToken, int weeks, CancellationToken cancellationToken)
    {
        var subscriber = await FindAsync(unsubscribeToken, cancellationToken);
        if (subscriber is null || (weeks != 0 && !PauseWeeks.Contains(weeks)))
        {
            return false;
        }
        subscriber.PausedUntil = weeks == 0 ? null : Now.AddDays(7 * weeks);
        await ledger.AppendAsync(subscriber, ConsentEventKind.Paused, cancellationToken, source: Source,
            detail: subscriber.PausedUntil is { } until ? $"paused until {StructuredData.Iso(until)}" : "resumed");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Keeps the new address aside and mails it a link; nothing changes until that link is used.</summary>
    public async Task<bool> RequestAddressChangeAsync(string unsubscribeToken, string newEmail, CancellationToken cancellationToken)
    {
        var subscriber = await FindAsync(unsubscribeToken, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        var token = NewsletterTokens.New();
        subscriber.PendingEmail = newEmail;
        subscriber.PendingEmailTokenHash = NewsletterTokens.Hash(token);
        subscriber.PendingEmailExpiresAt = Now.AddHours(options.Value.ConfirmationHours);
        outbox.Enqueue(await emails.AddressChangeAsync(newEmail, token));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves the subscription to the confirmed new address; false for an unknown or expired link, or a taken address.</summary>
    public async Task<bool> ConfirmAddressChangeAsync(string? token, CancellationToken cancellationToken)
    {
        if (!NewsletterTokens.LooksValid(token))
        {
            return false;
        }
        var hash = NewsletterTokens.Hash(token!);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.PendingEmailTokenHash == hash, cancellationToken);
        if (subscriber?.PendingEmail is not { } newEmail || subscriber.PendingEmailExpiresAt < Now
            || await db.Subscribers.AnyAsync(s => s.Email == newEmail && s.Id != subscriber.Id, cancellationToken))
        {
            return false;
        }
        await ledger.ReadyAsync(cancellationToken);
        var oldHash = await ledger.HashAsync(subscriber.Email, cancellationToken);
        subscriber.Email = newEmail;
        subscriber.PendingEmail = null;
        subscriber.PendingEmailTokenHash = null;
        subscriber.PendingEmailExpiresAt = null;
        // Recorded under the new address; the old one's hash is in the detail, so the chain can be followed.
        await ledger.AppendAsync(subscriber, ConsentEventKind.AddressChanged, cancellationToken, source: Source, detail: $"from address hash {oldHash}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UnsubscribeAllAsync(string unsubscribeToken, SignupService signups, CancellationToken cancellationToken) =>
        await signups.UnsubscribeAsync(unsubscribeToken, cancellationToken, Source);

    /// <summary>Everything held about the reader, as JSON: the subscriber, subscriptions, consent events, delivery events.</summary>
    public async Task<byte[]?> ExportAsync(string unsubscribeToken, CancellationToken cancellationToken)
    {
        var s = await db.Subscribers.AsNoTracking().Include(x => x.Subscriptions).ThenInclude(x => x.Newsletter).FirstOrDefaultAsync(x => x.UnsubscribeToken == unsubscribeToken, cancellationToken);
        if (s is null)
        {
            return null;
        }
        var deliveries = await db.DeliveryEvents.AsNoTracking().Where(e => e.SubscriberId == s.Id || e.Address == s.Email).OrderBy(e => e.At)
            .Select(e => new { e.At, Kind = e.Kind.ToString(), Source = e.Source.ToString(), e.Detail, e.NewsletterIssueId }).ToListAsync(cancellationToken);
        var data = new
        {
            subscriber = new
            {
                s.Email, s.Name, Status = s.Status.ToString(), s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt, s.ConsentAt, s.ConsentSource, s.ConsentText,
                s.Origin, s.SignupArticleId, s.PausedUntil, s.PendingEmail, s.WelcomeSentAt,
            },
            subscriptions = s.Subscriptions.Select(x => new { x.NewsletterId, x.Newsletter.Name, x.CreatedAt }),
            consentEvents = (await ledger.ForSubscriberAsync(s.Id, cancellationToken)).Select(e => new { e.At, Kind = e.Kind.ToString(), e.Wording, e.Source, e.Detail, e.ActorName }),
            deliveryEvents = deliveries,
        };
        return JsonSerializer.SerializeToUtf8Bytes(data, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    }

    public async Task<bool> EraseAsync(string unsubscribeToken, CancellationToken cancellationToken) =>
        await db.Subscribers.Where(s => s.UnsubscribeToken == unsubscribeToken).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken) is { } id
        && await directory.EraseAsync(id, cancellationToken, "by the reader from the preference centre");

    /// <summary>Mails the preference link to a known address; says nothing either way (no one learns who subscribes).</summary>
    public async Task RequestLinkAsync(string email, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == email, cancellationToken);
        // The confirmation limits also limit these emails: the form cannot be used to flood a mailbox.
        if (subscriber is null || subscriber.LastConfirmationSentAt > Now.AddMinutes(-options.Value.ResendMinutes))
        {
            return;
        }
        subscriber.LastConfirmationSentAt = Now;
        outbox.Enqueue(await emails.PreferencesLinkAsync(subscriber.Email, subscriber.UnsubscribeToken));
        await db.SaveChangesAsync(cancellationToken);
    }
}
