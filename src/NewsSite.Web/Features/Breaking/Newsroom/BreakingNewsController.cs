using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Breaking.Newsroom;

[Authorize(Policy = Policies.Publish), Route(AdminUrls.BreakingNews)]
public sealed class BreakingNewsController(BreakingNewsEditor editor) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await editor.PageAsync(null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Set(BannerForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var problems = await editor.SetAsync(form, User.Identity?.Name ?? "", cancellationToken);
            if (problems.Count == 0)
            {
                Flash("The banner is up on every page.");
                return LocalRedirect(AdminUrls.BreakingNews);
            }
            foreach (var (field, problem) in problems)
            {
                ModelState.AddModelError(field, problem);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", await editor.PageAsync(form, cancellationToken));
    }

    [HttpPost("clear")]
    public async Task<IActionResult> Clear(CancellationToken cancellationToken)
    {
        Flash(await editor.ClearAsync(cancellationToken) ? "The banner is down." : "There was no banner up.");
        return LocalRedirect(AdminUrls.BreakingNews);
    }
}
