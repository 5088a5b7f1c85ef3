using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin;

/// <summary>
/// Every newsroom controller derives from this: staff only by default, never cached by browsers or proxies.
/// Stricter actions add their own policy; the few public ones (sign-in, setup) say [AllowAnonymous] explicitly.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class AdminController : Controller
{
    protected string CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    /// <summary>A one-line message shown once on the next page (after a redirect).</summary>
    protected void Flash(string message) => TempData["flash"] = message;

    protected IActionResult RedirectToLocal(string? returnUrl) =>
        Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : LocalRedirect(AdminUrls.Home);
}
