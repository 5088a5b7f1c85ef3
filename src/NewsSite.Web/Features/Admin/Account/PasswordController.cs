using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsSite.Web.Features.Admin.Users;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Account;

/// <summary>Forgotten passwords and invitations: both end with the person choosing a password from an emailed link.</summary>
public sealed class PasswordController(StaffAccounts accounts, SignInThrottle throttle) : AdminController
{
    [AllowAnonymous, HttpGet("/admin/forgot-password")]
    public IActionResult Forgot() => View(new ForgotPasswordForm());

    [AllowAnonymous, HttpPost("/admin/forgot-password"), EnableRateLimiting(SignInThrottle.RateLimitPolicy)]
    public async Task<IActionResult> Forgot(ForgotPasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var email = form.Email.Trim();
        if (await throttle.MaySendResetAsync(email, cancellationToken))
        {
            await accounts.SendPasswordResetAsync(email, cancellationToken);
        }
        // The same answer for known and unknown addresses, so the form cannot be used to find staff accounts.
        return View(form with { Sent = true });
    }

    [AllowAnonymous, HttpGet("/admin/reset-password")]
    public IActionResult Reset(string? userId, string? token) =>
        string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)
            ? View("Message", new MessagePage("Link not valid", "This password link is incomplete. Ask for a new one from the sign-in page."))
            : View("SetPassword", new SetPasswordForm { UserId = userId, Token = token });

    [AllowAnonymous, HttpGet("/admin/invitation")]
    public IActionResult Invitation(string? userId, string? token) =>
        string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)
            ? View("Message", new MessagePage("Link not valid", "This invitation link is incomplete. Ask the person who invited you to send it again."))
            : View("SetPassword", new SetPasswordForm { UserId = userId, Token = token, IsInvitation = true });

    [AllowAnonymous, HttpPost("/admin/reset-password")]
    public async Task<IActionResult> SetPassword(SetPasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("SetPassword", form with { Password = "", ConfirmPassword = "" });
        }
        var errors = form.IsInvitation
            ? await accounts.AcceptInvitationAsync(form.UserId, form.Token, form.Password, cancellationToken)
            : await accounts.ResetPasswordAsync(form.UserId, form.Token, form.Password, cancellationToken);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }
            return View("SetPassword", form with { Password = "", ConfirmPassword = "" });
        }
        Flash(form.IsInvitation ? "Your account is active. Sign in with your new password." : "Your password has been changed. Sign in with it now.");
        return LocalRedirect(IdentitySetup.SignInPath);
    }
}
