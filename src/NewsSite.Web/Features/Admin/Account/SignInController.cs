using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Account;

public sealed class SignInController(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    FirstAdministrator firstAdministrator,
    AuditTrail audit,
    SignInThrottle throttle,
    KnownDevices devices,
    TimeProvider clock) : AdminController
{
    // A hash of a random password, made once with the site's own hasher (its options, its iteration count): checking
    // a password for an unknown address costs exactly what it costs for a real one, so the time taken does not tell
    // which addresses have accounts.
    private static string? unknownAccountHash;

    private const string NoMatch = "That email address and password do not match an active account.";

    [AllowAnonymous, HttpGet(IdentitySetup.SignInPath)]
    public async Task<IActionResult> SignIn(string? returnUrl, CancellationToken cancellationToken)
    {
        if (await firstAdministrator.IsSetupOpenAsync(cancellationToken))
        {
            return LocalRedirect(AdminUrls.Setup);
        }
        return View(new SignInForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost(IdentitySetup.SignInPath), EnableRateLimiting(SignInThrottle.RateLimitPolicy)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form with { Password = "" });
        }
        var email = form.Email.Trim();
        var device = devices.KeyFor(HttpContext, email);
        if (device is null || !await throttle.IsDeviceTrustedAsync(device, cancellationToken))
        {
            device = null;
            if (await throttle.IsClientRefusedAsync(HttpContext, cancellationToken))
            {
                return Refused(form, "Too many failed sign-ins from your connection. Wait 15 minutes, or reset your password.");
            }
            // Checked before the password, so a guess sent early (or many sent at once) is never even tried.
            if (await throttle.WaitBeforeNextTryAsync(email, cancellationToken) is { TotalSeconds: > 0 } wait)
            {
                return Refused(form, $"Too many failed sign-ins for this address. Try again in {Math.Ceiling(wait.TotalSeconds):0} seconds.");
            }
        }
        var user = await users.FindByEmailAsync(email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: false);
        if (user is null || result.IsNotAllowed || result.IsLockedOut)
        {
            // These answers come before any password check: do the same work a wrong password costs.
            unknownAccountHash ??= users.PasswordHasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            users.PasswordHasher.VerifyHashedPassword(user ?? new StaffUser(), unknownAccountHash, form.Password);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.RecordSuccessAsync(email, cancellationToken);
            devices.Remember(HttpContext, email);
            if (result.RequiresTwoFactor)
            {
                return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl, rememberMe = form.RememberMe });
            }
            await RecordSignInAsync(user!, cancellationToken);
            return RedirectToLocal(form.ReturnUrl);
        }
        var why = result.IsNotAllowed ? "account disabled" : result.IsLockedOut ? "locked after failed two-step codes" : null;
        await audit.RecordNowAsync(AuditActions.SignInFailed, email, why, actorName: email, cancellationToken: cancellationToken);
        await throttle.RecordFailureAsync(HttpContext, email, device, cancellationToken);
        // The same words and the same work whether the address is unknown, the password wrong or the account disabled.
        ModelState.AddModelError("", NoMatch);
        return View(form with { Password = "" });
    }

    private ViewResult Refused(SignInForm form, string message)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ModelState.AddModelError("", message);
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

    [AllowAnonymous, HttpPost("/admin/sign-in/two-factor"), EnableRateLimiting(SignInThrottle.RateLimitPolicy)]
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

    /// <summary>
    /// Reached only when there is nothing to replay (the replay itself happens before routing, in PendingForms): the
    /// form was completed already, its link is older than a day, or it belongs to someone else.
    /// </summary>
    [HttpGet(PendingForms.ResumePath + "/{key}")]
    public IActionResult Resume(string key) =>
        View("Message", new MessagePage("Nothing left to finish",
            "That form has already been completed, or the link is more than a day old. Your saved work is in the article list."));

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
