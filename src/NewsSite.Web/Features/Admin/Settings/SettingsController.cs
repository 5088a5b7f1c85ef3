using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Settings;

[Authorize(Policy = Policies.ManageSettings), Route(AdminUrls.Settings)]
public sealed class SettingsController(SiteSettingsEditor editor) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await editor.PageAsync(null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Save(SettingsForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await editor.SaveAsync(form, User.Identity?.Name ?? "", cancellationToken);
            if (result.Saved)
            {
                Flash("Settings saved. Every page shows them now.");
                return LocalRedirect(AdminUrls.Settings);
            }
            if (result.Conflict)
            {
                ModelState.AddModelError("", "Someone else saved the settings after you opened this page, so yours were not saved. Reload the page to see theirs, then make your changes again.");
            }
            foreach (var (field, problem) in result.Problems)
            {
                ModelState.AddModelError(field, problem);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", await editor.PageAsync(form, cancellationToken));
    }
}
