using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;
using QRCoder;

namespace NewsSite.Web.Features.Admin.Account;

public sealed record AccountPage(string Email, string DisplayName, bool TwoFactorEnabled, int RecoveryCodesLeft, IReadOnlyList<string> Roles) : IAdminPage
{
    public string Title => "Your account";
}

public sealed record ChangePasswordForm : IAdminPage
{
    [Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password), Display(Name = "Current password")]
    public string CurrentPassword { get; init; } = "";

    [Required(ErrorMessage = "Choose a new password."), StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    [DataType(DataType.Password), Display(Name = "New password")]
    public string NewPassword { get; init; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password), Display(Name = "New password again")]
    public string ConfirmPassword { get; init; } = "";

    public string Title => "Change password";
}

public sealed record AuthenticatorSetup : IAdminPage
{
    public string SharedKey { get; init; } = "";
    public string QrCodeSvg { get; init; } = "";

    [Required(ErrorMessage = "Enter the six-digit code your app shows."), StringLength(7, MinimumLength = 6, ErrorMessage = "The code has six digits.")]
    [Display(Name = "Code from your app")]
    public string Code { get; init; } = "";

    public string Title => "Set up two-step sign-in";
}

public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes) : IAdminPage
{
    public string Title => "Recovery codes";
}

/// <summary>A staff member's own account: password and optional two-step sign-in with an authenticator app.</summary>
public sealed class SecurityController(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AuditTrail audit,
    Users.StaffAccounts accounts,
    IOptions<SiteOptions> site,
    UrlEncoder urlEncoder) : AdminController
{
    [HttpGet("/admin/account")]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        return View(new AccountPage(user.Email!, user.DisplayName, user.TwoFactorEnabled,
            await users.CountRecoveryCodesAsync(user), (await users.GetRolesAsync(user)).ToList()));
    }

    [HttpPost("/admin/account/sign-out-everywhere")]
    public async Task<IActionResult> SignOutEverywhere(CancellationToken cancellationToken)
    {
        await accounts.SignOutEverywhereAsync(CurrentUserId, cancellationToken);
        await signIn.SignOutAsync();
        return LocalRedirect(IdentitySetup.SignInPath);
    }

    [HttpGet("/admin/account/password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("/admin/account/password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(new ChangePasswordForm());
        }
        var user = await CurrentUserAsync();
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Code == "PasswordMismatch" ? "Your current password is not right." : error.Description);
            }
            return View(new ChangePasswordForm());
        }
        await signIn.RefreshSignInAsync(user);
        await audit.RecordNowAsync(AuditActions.PasswordReset, user.Email, "changed own password", cancellationToken: cancellationToken);
        Flash("Your password has been changed.");
        return LocalRedirect(AdminUrls.Account);
    }

    [HttpGet("/admin/account/two-factor")]
    public async Task<IActionResult> EnableAuthenticator()
    {
        var user = await CurrentUserAsync();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return View(SetupFor(user, key!));
    }

    [HttpPost("/admin/account/two-factor")]
    public async Task<IActionResult> EnableAuthenticator(AuthenticatorSetup form, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        var code = form.Code.Replace(" ", "").Replace("-", "");
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(nameof(AuthenticatorSetup.Code), "That code is not valid. Check the time on your phone and try the current code.");
            }
            return View(SetupFor(user, key));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.RecordNowAsync(AuditActions.TwoFactorChanged, user.Email, "enabled", cancellationToken: cancellationToken);
        return View("RecoveryCodes", new RecoveryCodesPage(codes?.ToList() ?? []));
    }

    [HttpPost("/admin/account/two-factor/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return LocalRedirect(AdminUrls.Account);
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.RecordNowAsync(AuditActions.TwoFactorChanged, user.Email, "new recovery codes", cancellationToken: cancellationToken);
        return View("RecoveryCodes", new RecoveryCodesPage(codes?.ToList() ?? []));
    }

    [HttpPost("/admin/account/two-factor/disable")]
    public async Task<IActionResult> DisableAuthenticator(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordNowAsync(AuditActions.TwoFactorChanged, user.Email, "disabled", cancellationToken: cancellationToken);
        Flash("Two-step sign-in is off.");
        return LocalRedirect(AdminUrls.Account);
    }

    private async Task<StaffUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");

    private AuthenticatorSetup SetupFor(StaffUser user, string key)
    {
        var issuer = urlEncoder.Encode(site.Value.Name);
        var uri = $"otpauth://totp/{issuer}:{urlEncoder.Encode(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        // Groups of four characters are easier to type into an app by hand.
        var grouped = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        return new AuthenticatorSetup { SharedKey = grouped, QrCodeSvg = svg };
    }
}
