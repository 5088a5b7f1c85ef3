using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Ads;

public sealed record AdSlotRow(string Placement, string Html, bool IsEnabled, DateTime? UpdatedAt);

public sealed record AdsPage(IReadOnlyList<AdSlotRow> Slots) : IAdminPage
{
    public string Title => "Advertising";
}

public sealed record AdSlotForm
{
    [Required]
    public string Placement { get; init; } = "";

    [StringLength(20_000, ErrorMessage = "Keep the ad code under 20,000 characters.")]
    public string? Html { get; init; }

    public bool IsEnabled { get; init; }
}

/// <summary>The HTML shown in each ad placement. It is trusted code from an editor, rendered as is (ad networks need script).</summary>
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
        slot.Html = html;
        slot.IsEnabled = enabled;
        slot.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.SettingsChange, $"ad slot {placement}", enabled ? "enabled" : "disabled");
        await db.SaveChangesAsync(cancellationToken);
    }
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/ads")]
public sealed class AdsController(AdSlots slots) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new AdsPage(await slots.ListAsync(cancellationToken)));

    [HttpPost("")]
    public async Task<IActionResult> Save(AdSlotForm form, CancellationToken cancellationToken)
    {
        if (!AdPlacements.All.Contains(form.Placement))
        {
            return BadRequest();
        }
        if (!ModelState.IsValid)
        {
            Flash("Keep the ad code under 20,000 characters.");
            return LocalRedirect("/admin/ads");
        }
        await slots.SaveAsync(form.Placement, form.Html ?? "", form.IsEnabled, cancellationToken);
        Flash($"Saved the {form.Placement} placement. Pages show it at once.");
        return LocalRedirect("/admin/ads");
    }
}
