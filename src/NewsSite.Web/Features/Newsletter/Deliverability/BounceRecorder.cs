using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Issues;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// A bounce or complaint, however it arrived: refused while sending, a DSN or an ARF report in the bounce mailbox.
/// <paramref name="OutboxMessageId"/> is the message it answers when known (from the return path, or the sender);
/// <paramref name="ReportMessageId"/> is the Message-Id of the report itself, so reading it twice records it once.
/// </summary>
public sealed record BounceReport(
    string? Address,
    DeliveryEventKind Kind,
    DeliveryEventSource Source,
    string? Detail,
    long? OutboxMessageId = null,
    string? ReportMessageId = null);

public enum BounceOutcome
{
    Recorded,
    Suppressed,
    Duplicate,

    /// <summary>Neither the message nor the address could be told: nothing recorded.</summary>
    Unmatched,
}

/// <summary>
/// Records bounces and complaints and applies the suppression rules: a hard bounce or a complaint suppresses the
/// address at once; soft bounces do when Newsletter:SoftBounceLimit of them arrive within
/// Newsletter:SoftBounceWindowDays. The one place these rules live; the sender and the mailbox reader both call it.
/// </summary>
public sealed class BounceRecorder(NewsDbContext db, TimeProvider clock, IOptions<NewsletterOptions> options, ILogger<BounceRecorder> logger)
{
    public async Task<BounceOutcome> RecordAsync(BounceReport report, CancellationToken cancellationToken)
    {
        if (report.ReportMessageId is { } reportId && await db.DeliveryEvents.AnyAsync(e => e.ReportMessageId == reportId, cancellationToken))
        {
            return BounceOutcome.Duplicate;
        }

        var (address, issueId) = await ResolveAsync(report, cancellationToken);
        if (address is null)
        {
            logger.LogWarning("A {Kind} ({Source}) matched no message or address; not recorded", report.Kind, report.Source);
            return BounceOutcome.Unmatched;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == address, cancellationToken);
        db.DeliveryEvents.Add(new DeliveryEvent
        {
            Address = address,
            Kind = report.Kind,
            Source = report.Source,
            Detail = Truncate(report.Detail),
            OutboxMessageId = report.OutboxMessageId,
            NewsletterIssueId = issueId,
            SubscriberId = subscriber?.Id,
            At = now,
            ReportMessageId = report.ReportMessageId,
        });

        SuppressionReason? reason = report.Kind switch
        {
            DeliveryEventKind.HardBounce => SuppressionReason.HardBounce,
            DeliveryEventKind.Complaint => SuppressionReason.Complaint,
            _ => null,
        };
        if (report.Kind == DeliveryEventKind.SoftBounce)
        {
            var since = now.AddDays(-options.Value.SoftBounceWindowDays);
            // This one is not saved yet, hence the + 1.
            var softBounces = await db.DeliveryEvents.CountAsync(e => e.Address == address && e.Kind == DeliveryEventKind.SoftBounce && e.At >= since, cancellationToken) + 1;
            if (subscriber is not null)
            {
                subscriber.SoftBounceCount = softBounces;
            }
            if (softBounces >= options.Value.SoftBounceLimit)
            {
                reason = SuppressionReason.SoftBounces;
            }
        }

        var suppressed = false;
        if (reason is { } why && !await db.Suppressions.AnyAsync(s => s.Address == address && s.LiftedAt == null, cancellationToken))
        {
            db.Suppressions.Add(new Suppression { Address = address, Reason = why, Detail = Truncate(report.Detail), NewsletterIssueId = issueId, CreatedAt = now });
            suppressed = true;
            logger.LogInformation("Suppressed an address after a {Kind} ({Source})", report.Kind, report.Source);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (report.Kind == DeliveryEventKind.Complaint)
        {
            Infrastructure.Telemetry.SiteMetrics.Complaints.Add(1);
        }
        else
        {
            Infrastructure.Telemetry.SiteMetrics.Bounces.Add(1, new KeyValuePair<string, object?>("kind", report.Kind == DeliveryEventKind.HardBounce ? "hard" : "soft"));
        }
        return suppressed ? BounceOutcome.Suppressed : BounceOutcome.Recorded;
    }

    /// <summary>
    /// Of <paramref name="addresses"/> (lower case), those with a suppression in force and its reason: one query for a
    /// whole batch of mail. Whether it stops a given message is <see cref="Stops"/>.
    /// </summary>
    public static async Task<Dictionary<string, SuppressionReason>> SuppressedAmongAsync(NewsDbContext db, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        var rows = await db.Suppressions.AsNoTracking().Where(s => s.LiftedAt == null && addresses.Contains(s.Address))
            .Select(s => new { s.Address, s.Reason }).ToListAsync(cancellationToken);
        // A hard bounce stops more mail than any other reason, so it wins when an address has several.
        return rows.GroupBy(r => r.Address).ToDictionary(g => g.Key, g => g.Any(r => r.Reason == SuppressionReason.HardBounce) ? SuppressionReason.HardBounce : g.First().Reason);
    }

    /// <summary>Whether a suppression for <paramref name="reason"/> stops a message: any stops bulk mail, only a hard bounce other mail.</summary>
    public static bool Stops(SuppressionReason reason, bool isBulk) => isBulk || reason == SuppressionReason.HardBounce;

    // The message names the address and issue for certain; an address alone (a DSN with no usable return path) is
    // matched to the latest issue that went to it.
    private async Task<(string? Address, int? IssueId)> ResolveAsync(BounceReport report, CancellationToken cancellationToken)
    {
        if (report.OutboxMessageId is { } messageId)
        {
            var recipient = await db.NewsletterRecipients.AsNoTracking().Where(r => r.OutboxMessageId == messageId)
                .Select(r => new { r.Address, r.NewsletterIssueId }).FirstOrDefaultAsync(cancellationToken);
            if (recipient is not null)
            {
                return (recipient.Address, recipient.NewsletterIssueId);
            }
            var message = await db.Outbox.AsNoTracking().Where(m => m.Id == messageId).Select(m => new { m.ToAddress, m.Kind }).FirstOrDefaultAsync(cancellationToken);
            if (message is not null)
            {
                return (message.ToAddress.ToLowerInvariant(), NewsletterIssueQueue.IssueIdOf(message.Kind));
            }
        }
        if (string.IsNullOrWhiteSpace(report.Address))
        {
            return (null, null);
        }
        var address = report.Address.Trim().ToLowerInvariant();
        var latest = await db.NewsletterRecipients.AsNoTracking().Where(r => r.Address == address).OrderByDescending(r => r.SentAt)
            .Select(r => (int?)r.NewsletterIssueId).FirstOrDefaultAsync(cancellationToken);
        return (address, latest);
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
