using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

public enum RateWarning
{
    None,

    /// <summary>Complaints at 0.1 % or more (Gmail's and Yahoo's recommended ceiling), or hard bounces over 2 %.</summary>
    High,

    /// <summary>Complaints at 0.3 % or more: past the limit beyond which Gmail and Yahoo refuse or junk bulk mail.</summary>
    OverLimit,
}

/// <summary>
/// An issue's bounce and complaint rates. Sent counts every message the mail server answered for: accepted
/// (a recipient record) or refused while sending (a send-time bounce).
/// </summary>
public sealed record IssueDeliveryRates(int IssueId, string Subject, int Sent, int HardBounces, int SoftBounces, int Complaints)
{
    public const double ComplaintLimit = 0.003;
    public const double ComplaintCeiling = 0.001;
    public const double HardBounceCeiling = 0.02;

    public double BounceRate => Sent == 0 ? 0 : (HardBounces + SoftBounces) / (double)Sent;
    public double HardBounceRate => Sent == 0 ? 0 : HardBounces / (double)Sent;
    public double ComplaintRate => Sent == 0 ? 0 : Complaints / (double)Sent;

    public RateWarning Warning => ComplaintRate >= ComplaintLimit ? RateWarning.OverLimit
        : ComplaintRate >= ComplaintCeiling || HardBounceRate > HardBounceCeiling ? RateWarning.High
        : RateWarning.None;

    /// <summary>What the warning means, in the newsroom's words; empty when there is none.</summary>
    public string Advice => Warning switch
    {
        RateWarning.OverLimit => "Complaints are over 0.3 %, the limit past which Gmail and Yahoo refuse or junk bulk mail. Send less often, to readers who asked for it, and make unsubscribing easy.",
        RateWarning.High when ComplaintRate >= ComplaintCeiling => "Complaints are over 0.1 %, the most Gmail and Yahoo recommend. Watch the next issues.",
        RateWarning.High => "More than 2 % of addresses bounced for good: the list has old or mistyped addresses (the bounced ones are now suppressed).",
        _ => "",
    };
}

/// <summary>Bounce and complaint rates per issue, from the delivery events the bounce pipeline records.</summary>
public sealed class DeliveryRates(NewsDbContext db)
{
    /// <summary>The most recent issues that went out, newest first.</summary>
    public async Task<IReadOnlyList<IssueDeliveryRates>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var issues = await db.NewsletterIssues.AsNoTracking().Where(i => i.QueuedAt != null).OrderByDescending(i => i.QueuedAt).Take(count)
            .Select(i => new { i.Id, i.Subject }).ToListAsync(cancellationToken);
        return await RatesAsync(issues.Select(i => (i.Id, i.Subject)).ToList(), cancellationToken);
    }

    public async Task<IssueDeliveryRates?> ForIssueAsync(int issueId, CancellationToken cancellationToken)
    {
        var subject = await db.NewsletterIssues.AsNoTracking().Where(i => i.Id == issueId && i.QueuedAt != null).Select(i => i.Subject).FirstOrDefaultAsync(cancellationToken);
        return subject is null ? null : (await RatesAsync([(issueId, subject)], cancellationToken)).Single();
    }

    private async Task<IReadOnlyList<IssueDeliveryRates>> RatesAsync(IReadOnlyList<(int Id, string Subject)> issues, CancellationToken cancellationToken)
    {
        var ids = issues.Select(i => i.Id).ToList();
        var accepted = await db.NewsletterRecipients.AsNoTracking().Where(r => ids.Contains(r.NewsletterIssueId))
            .GroupBy(r => r.NewsletterIssueId).Select(g => new { IssueId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.IssueId, g => g.Count, cancellationToken);
        var events = await db.DeliveryEvents.AsNoTracking().Where(e => e.NewsletterIssueId != null && ids.Contains(e.NewsletterIssueId.Value))
            .GroupBy(e => new { e.NewsletterIssueId, e.Kind, Refused = e.Source == DeliveryEventSource.Smtp })
            .Select(g => new { g.Key.NewsletterIssueId, g.Key.Kind, g.Key.Refused, Count = g.Count() }).ToListAsync(cancellationToken);
        return issues.Select(issue =>
        {
            var mine = events.Where(e => e.NewsletterIssueId == issue.Id).ToList();
            int Count(DeliveryEventKind kind) => mine.Where(e => e.Kind == kind).Sum(e => e.Count);
            var refused = mine.Where(e => e.Refused).Sum(e => e.Count);
            return new IssueDeliveryRates(issue.Id, issue.Subject, accepted.GetValueOrDefault(issue.Id) + refused,
                Count(DeliveryEventKind.HardBounce), Count(DeliveryEventKind.SoftBounce), Count(DeliveryEventKind.Complaint));
        }).ToList();
    }
}
