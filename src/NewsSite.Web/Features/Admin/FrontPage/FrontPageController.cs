using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.FrontPage;

public sealed record PinForm
{
    public int ArticleId { get; init; }
    public FrontPageSlot Slot { get; init; }

    /// <summary>On the paper's clock, as a datetime-local field sends it; empty for no end.</summary>
    public DateTime? ExpiresAt { get; init; }
}

public sealed record FrontPageDeskPage(FrontPageDesk Desk, DateDisplay Dates, string? Problem) : IAdminPage
{
    public string Title => "Front page";
}

/// <summary>Pinning the lead and the top stories. Editors decide what leads the paper, so it takes the Publish policy.</summary>
[Authorize(Policy = Policies.Publish), Route(AdminUrls.FrontPage)]
public sealed class FrontPageController(FrontPageCuration curation, DateDisplay dates) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? q, CancellationToken cancellationToken) =>
        View(new FrontPageDeskPage(await curation.ReadAsync(q, cancellationToken), dates, null));

    [HttpPost("pin")]
    public async Task<IActionResult> Pin(PinForm form, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(form.Slot))
        {
            return BadRequest();
        }
        DateTime? expiresAt = null;
        string? problem = null;
        if (form.ExpiresAt is { } local)
        {
            expiresAt = dates.FromLocal(local);
            problem = expiresAt is null ? "That time does not exist on the paper's clock (the clocks go forward then); choose another." : null;
        }
        problem ??= await curation.PinAsync(form.ArticleId, form.Slot, expiresAt, User, cancellationToken);
        if (problem is null)
        {
            Flash(form.Slot == FrontPageSlot.Lead ? "Pinned as the lead. The front page shows it now." : "Pinned as a top story. The front page shows it now.");
            return LocalRedirect(AdminUrls.FrontPage);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new FrontPageDeskPage(await curation.ReadAsync(null, cancellationToken), dates, problem));
    }

    [HttpPost("{pinId:int}/move")]
    public async Task<IActionResult> Move(int pinId, [FromForm] int direction, CancellationToken cancellationToken)
    {
        await curation.MoveAsync(pinId, direction, cancellationToken);
        return LocalRedirect(AdminUrls.FrontPage);
    }

    [HttpPost("{pinId:int}/unpin")]
    public async Task<IActionResult> Unpin(int pinId, CancellationToken cancellationToken)
    {
        if (!await curation.UnpinAsync(pinId, cancellationToken))
        {
            return NotFound();
        }
        Flash("Unpinned. The front page fills the place with the newest stories.");
        return LocalRedirect(AdminUrls.FrontPage);
    }
}
