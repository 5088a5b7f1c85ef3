using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Account;

/// <summary>The one-time page that creates the first administrator; it answers 404 as soon as any account exists.</summary>
public sealed class SetupController(FirstAdministrator firstAdministrator, UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : AdminController
{
    [AllowAnonymous, HttpGet("/admin/setup")]
    public async Task<IActionResult> Setup(CancellationToken cancellationToken) =>
        await firstAdministrator.IsSetupOpenAsync(cancellationToken) ? View(new SetupForm()) : NotFound();

    [AllowAnonymous, HttpPost("/admin/setup")]
    public async Task<IActionResult> Setup(SetupForm form, CancellationToken cancellationToken)
    {
        if (!await firstAdministrator.IsSetupOpenAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View(form with { Password = "", ConfirmPassword = "" });
        }
        var result = await firstAdministrator.CreateThroughSetupAsync(form.Email.Trim(), form.DisplayName.Trim(), form.Password, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }
            return View(form with { Password = "", ConfirmPassword = "" });
        }
        // They just proved who they are by choosing the password: no second form to fill in.
        if (await users.FindByEmailAsync(form.Email.Trim()) is { } administrator)
        {
            await signIn.SignInAsync(administrator, isPersistent: false);
        }
        Flash("The newsroom is ready, and you are signed in as its first administrator.");
        return LocalRedirect(AdminUrls.Home);
    }
}
