using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
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

    /// <summary>
    /// Records the signup and queues a confirmation when one is due. Says nothing about what it found: new, pending and
    /// confirmed addresses all get the same answer from the caller.
    /// </summary>
    /// <summary>The newsletter every paper starts with (seeded by the migration that made newsletters several).</summary>
    public const int FirstNewsletterId = 1;

    public async Task SignUpAsync(string email, string? name, string sourcePage, CancellationToken cancellationToken)
    {
        var existing = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == email, cancellationToken);
        if (existing is null)
        {
            var subscriber = new Subscriber
            {
                Email = email,
                Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                Status = SubscriberStatus.Pending,
                CreatedAt = Now,
                UnsubscribeToken = NewsletterTokens.New(),
                Subscriptions = { new NewsletterSubscription { NewsletterId = FirstNewsletterId, CreatedAt = Now } },
            };
            RecordConsent(subscriber, sourcePage);
            db.Subscribers.Add(subscriber);
            await QueueConfirmationAsync(subscriber);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception))
            {
                // Another request signed the same address up a moment ago: that one sends the email.
                logger.LogDebug("Concurrent signup for an existing address ignored");
                db.ChangeTracker.Clear();
            }
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
                // Coming back is allowed, but only through a fresh confirmation.
                existing.Status = SubscriberStatus.Pending;
                existing.UnsubscribedAt = null;
                break;
        }
        RecordConsent(existing, sourcePage);
        await QueueConfirmationAsync(existing);
        await db.SaveChangesAsync(cancellationToken);
    }

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
        // The token stays (hashed) until it expires, so a second click says "already confirmed" rather than "unknown".
        outbox.Enqueue(await emails.WelcomeAsync(subscriber.Email, subscriber.UnsubscribeToken));
        await db.SaveChangesAsync(cancellationToken);
        return ConfirmationState.Ready;
    }

    public async Task<bool> IsKnownUnsubscribeTokenAsync(string? token, CancellationToken cancellationToken) =>
        NewsletterTokens.LooksValid(token) && await db.Subscribers.AnyAsync(s => s.UnsubscribeToken == token, cancellationToken);

    /// <summary>Unsubscribes the owner of the token; false when the token is unknown. Repeating it is harmless.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
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

    private void RecordConsent(Subscriber subscriber, string sourcePage)
    {
        subscriber.ConsentAt = Now;
        subscriber.ConsentSource = sourcePage.Length > 500 ? sourcePage[..500] : sourcePage;
        subscriber.ConsentText = NewsletterConsent.Text;
    }

    private bool IsUniqueViolation(DbUpdateException exception) => database.IsUniqueViolation(exception);
}
