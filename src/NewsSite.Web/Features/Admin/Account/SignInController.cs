using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Account;

public sealed class SignInController(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    FirstAdministrator firstAdministrator,
    AuditTrail audit,
    TimeProvider clock) : AdminController
{
    [AllowAnonymous, HttpGet(IdentitySetup.SignInPath)]
    public async Task<IActionResult> SignIn(string? returnUrl, CancellationToken cancellationToken)
    {
        if (await firstAdministrator.IsSetupOpenAsync(cancellationToken))
        {
            return LocalRedirect("/admin/setup");
        }
        return View(new SignInForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost(IdentitySetup.SignInPath)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form with { Password = "" });
        }
        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await RecordSignInAsync(user!, cancellationToken);
            return RedirectToLocal(form.ReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl, rememberMe = form.RememberMe });
        }
        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync(AuditActions.LockedOut, email, actorName: email, cancellationToken: cancellationToken);
            ModelState.AddModelError("", "Too many failed attempts. This account is locked for 15 minutes; try again later or reset your password.");
        }
        else
        {
            await audit.RecordNowAsync(AuditActions.SignInFailed, email, result.IsNotAllowed ? "account disabled" : null, actorName: email, cancellationToken: cancellationToken);
            // The same words whether the address is unknown, the password wrong or the account disabled.
            ModelState.AddModelError("", "That email address and password do not match an active account.");
        }
        return View(form with { Password = "" });
    }

    [AllowAnonymous, HttpGet("/admin/sign-in/two-factor")]
    public async Task<IActionResult> TwoFactor(string? returnUrl, bool rememberMe)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return LocalRedirect(IdentitySetup.SignInPath);
        }
        return View(new TwoFactorForm { ReturnUrl = returnUrl, RememberMe = rememberMe });
    }

    [AllowAnonymous, HttpPost("/admin/sign-in/two-factor")]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form, CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LocalRedirect(IdentitySetup.SignInPath);
        }
        if (!ModelState.IsValid)
        {
            return View(form with { Code = "" });
        }
        var code = form.Code.Replace(" ", "").Replace("-", "");
        var result = form.UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code.Replace(" ", ""))
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, form.RememberMe, form.RememberDevice);
        if (result.Succeeded)
        {
            await RecordSignInAsync(user, cancellationToken);
            return RedirectToLocal(form.ReturnUrl);
        }
        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Email, "two-factor code", actorName: user.Email, cancellationToken: cancellationToken);
        ModelState.AddModelError(nameof(TwoFactorForm.Code), result.IsLockedOut
            ? "Too many failed attempts. This account is locked for 15 minutes."
            : "That code is not valid. Codes change every 30 seconds; try the current one.");
        return View(form with { Code = "" });
    }

    [HttpPost("/admin/sign-out")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        await audit.RecordNowAsync(AuditActions.SignOut, cancellationToken: cancellationToken);
        await signIn.SignOutAsync();
        return LocalRedirect(IdentitySetup.SignInPath);
    }

    [AllowAnonymous, HttpGet("/admin/access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Message", new MessagePage("Not allowed", "Your role does not include this part of the newsroom. Ask an administrator if you need it."));
    }

    private async Task RecordSignInAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.RecordNowAsync(AuditActions.SignIn, user.Email, actorName: user.Email, cancellationToken: cancellationToken);
    }
}
