using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Newsletter.Suppressions;

public sealed record SuppressionRow(int Id, string Address, SuppressionReason Reason, string? Detail, DateTime CreatedAt, int? IssueId, string? IssueSubject, DateTime? LiftedAt, string? LiftedByName);

public sealed class SuppressForm
{
    [Required(ErrorMessage = "Enter an email address."), EmailAddress(ErrorMessage = "That is not an email address."), StringLength(254)]
    public string Address { get; set; } = "";

    [StringLength(500)]
    public string? Note { get; set; }
}

/// <summary>
/// The operators' view of the suppression list: who gets no newsletter and why, lifting a suppression (kept, with who
/// lifted it), and suppressing an address by hand. Bounces and complaints add to it through <c>BounceRecorder</c>.
/// </summary>
public sealed class SuppressionList(NewsDbContext db, AuditTrail audit, TimeProvider clock)
{
    private const int PageSize = 50;

    /// <summary>Suppressions in force first, newest first; <paramref name="query"/> narrows by address.</summary>
    public async Task<Paged<SuppressionRow>> SearchAsync(string? query, bool includeLifted, int page, CancellationToken cancellationToken)
    {
        var suppressions = db.Suppressions.AsNoTracking();
        if (!includeLifted)
        {
            suppressions = suppressions.Where(s => s.LiftedAt == null);
        }
        if (!string.IsNullOrWhiteSpace(query))
        {
            // Addresses are stored lower case, so a lower-case pattern matches on every engine.
            var pattern = $"%{query.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            suppressions = suppressions.Where(s => EF.Functions.Like(s.Address, pattern, "\\"));
        }
        var total = await suppressions.CountAsync(cancellationToken);
        var rows = await suppressions.OrderBy(s => s.LiftedAt != null).ThenByDescending(s => s.Id)
            .Skip(Paged<SuppressionRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(s => new SuppressionRow(s.Id, s.Address, s.Reason, s.Detail, s.CreatedAt, s.NewsletterIssueId,
                db.NewsletterIssues.Where(i => i.Id == s.NewsletterIssueId).Select(i => i.Subject).FirstOrDefault(), s.LiftedAt, s.LiftedByName))
            .ToListAsync(cancellationToken);
        return new Paged<SuppressionRow>(rows, page, PageSize, total);
    }

    /// <summary>Lifts a suppression in force (the row stays, as history); false when there is none with that id.</summary>
    public async Task<bool> LiftAsync(int id, string actorName, CancellationToken cancellationToken)
    {
        var suppression = await db.Suppressions.FirstOrDefaultAsync(s => s.Id == id && s.LiftedAt == null, cancellationToken);
        if (suppression is null)
        {
            return false;
        }
        suppression.LiftedAt = clock.GetUtcNow().UtcDateTime;
        suppression.LiftedByName = actorName;
        audit.Record(AuditActions.SuppressionLifted, suppression.Address, $"{suppression.Reason}: {suppression.Detail}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Suppresses an address by hand (a reader's request by phone, a known trap); false when it already is.</summary>
    public async Task<bool> SuppressAsync(SuppressForm form, CancellationToken cancellationToken)
    {
        var address = form.Address.Trim().ToLowerInvariant();
        if (await db.Suppressions.AnyAsync(s => s.Address == address && s.LiftedAt == null, cancellationToken))
        {
            return false;
        }
        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        db.Suppressions.Add(new Suppression { Address = address, Reason = SuppressionReason.Manual, Detail = note, CreatedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record(AuditActions.SuppressionAdded, address, note);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
