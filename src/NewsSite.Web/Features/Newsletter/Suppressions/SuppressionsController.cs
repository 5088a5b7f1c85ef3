using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Newsletter.Suppressions;

public sealed record SuppressionsPage(Paged<SuppressionRow> Suppressions, string? Query, bool IncludeLifted, SuppressForm Form) : IAdminPage
{
    public string Title => "Suppressed addresses";
}

/// <summary>Who gets no newsletter, and why: the newsletter managers' view of bounces and complaints.</summary>
[Authorize(Policy = Policies.ManageSite), Route(AdminUrls.NewsletterSuppressions)]
public sealed class SuppressionsController(SuppressionList suppressions) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, bool lifted = false, int page = 1, CancellationToken cancellationToken = default)
    {
        var results = await suppressions.SearchAsync(q, lifted, Math.Max(page, 1), cancellationToken);
        return results.IsOutOfRange ? NotFound() : View(new SuppressionsPage(results, q, lifted, new SuppressForm()));
    }

    [HttpPost("add")]
    public async Task<IActionResult> Add(SuppressForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new SuppressionsPage(await suppressions.SearchAsync(null, false, 1, cancellationToken), null, false, form));
        }
        Flash(await suppressions.SuppressAsync(form, cancellationToken)
            ? $"{form.Address.Trim()} is suppressed: no newsletter goes to it until the suppression is lifted."
            : $"{form.Address.Trim()} was already suppressed.");
        return LocalRedirect(AdminUrls.NewsletterSuppressions);
    }

    [HttpPost("{id:int}/lift")]
    public async Task<IActionResult> Lift(int id, CancellationToken cancellationToken)
    {
        if (!await suppressions.LiftAsync(id, User.Identity?.Name ?? "An operator", cancellationToken))
        {
            return NotFound();
        }
        Flash("The suppression is lifted: mail goes to that address again. It stays in the list's history.");
        return LocalRedirect(AdminUrls.NewsletterSuppressions);
    }
}
