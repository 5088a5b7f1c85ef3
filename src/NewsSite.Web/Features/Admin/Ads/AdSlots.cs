using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Admin.Ads;

/// <summary>
/// The code shown in each ad placement. Ad networks need script, so it is kept as typed, and article pages run it only
/// inside a sandboxed frame of its own (AdFrameController). Every change is audited with a diff of the code.
/// </summary>
public sealed class AdSlots(NewsDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdSlotRow>> ListAsync(CancellationToken cancellationToken)
    {
        var saved = await db.AdSlots.AsNoTracking().ToDictionaryAsync(a => a.Placement, cancellationToken);
        return AdPlacements.All.Select(p => saved.TryGetValue(p, out var slot)
            ? new AdSlotRow(p, slot.Html, slot.IsEnabled, slot.UpdatedAt)
            : new AdSlotRow(p, "", false, null)).ToList();
    }

    public async Task SaveAsync(string placement, string html, bool enabled, CancellationToken cancellationToken)
    {
        var slot = await db.AdSlots.FirstOrDefaultAsync(a => a.Placement == placement, cancellationToken);
        if (slot is null)
        {
            slot = new AdSlot { Placement = placement };
            db.AdSlots.Add(slot);
        }
        var before = slot.Html ?? "";
        var wasEnabled = slot.IsEnabled;
        slot.Html = html;
        slot.IsEnabled = enabled;
        slot.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.AdCodeChange, $"ad slot {placement}", Describe(before, html, wasEnabled, enabled));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"enabled; code: -old line / +new line", the changed lines only, so the log shows what code went live.</summary>
    private static string Describe(string before, string after, bool wasEnabled, bool enabled)
    {
        var state = wasEnabled == enabled ? (enabled ? "enabled" : "disabled") : (enabled ? "disabled → enabled" : "enabled → disabled");
        var changed = RevisionDiff.Lines(before, after).Where(l => l.Kind != DiffKind.Same)
            .Select(l => (l.Kind == DiffKind.Added ? "+ " : "- ") + l.Text).ToList();
        return changed.Count == 0 ? $"{state}; code unchanged" : $"{state}; code:\n{string.Join('\n', changed)}";
    }
}
