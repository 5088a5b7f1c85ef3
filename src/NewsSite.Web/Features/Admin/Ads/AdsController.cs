using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
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

[Authorize(Policy = Policies.ManageAdvertising), Route("/admin/ads")]
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
            return LocalRedirect(AdminUrls.Ads);
        }
        await slots.SaveAsync(form.Placement, form.Html ?? "", form.IsEnabled, cancellationToken);
        Flash($"Saved the {form.Placement} placement. Pages show it at once.");
        return LocalRedirect(AdminUrls.Ads);
    }
}
