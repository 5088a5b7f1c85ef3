using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace NewsSite.Web.Features.Admin.Account;

/// <summary>
/// Lets the editor page survive a lapsed session without leaving the page: before it saves it asks whether the session
/// is alive (a signed-out script gets a 401, see PendingForms); if not, the person signs in again in a window of its
/// own, and the page then takes a fresh form token from here (the old one belonged to the old session) and saves.
/// </summary>
public sealed class SessionController(IAntiforgery antiforgery) : AdminController
{
    [HttpGet(AdminUrls.Session)]
    public IActionResult Current()
    {
        var tokens = antiforgery.GetAndStoreTokens(HttpContext);
        return Json(new { token = tokens.RequestToken, name = User.Identity?.Name });
    }

    [HttpGet(AdminUrls.SignedInAgain)]
    public IActionResult SignedInAgain() => View("Message", new MessagePage("Signed in again", "You are signed in again. Go back to your story: it saves itself now. You can close this window."));
}
