using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Features.Admin.Shared;

namespace NewsSite.Web.Features.Admin.Account;

public sealed record SignInForm : IAdminPage
{
    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password), StringLength(200)]
    public string Password { get; init; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; init; }

    public string? ReturnUrl { get; init; }

    /// <summary>The session lapsed while a form was being posted: it is kept, and signing in completes it.</summary>
    public bool CompletesKeptForm => ReturnUrl?.StartsWith(Infrastructure.Identity.PendingForms.ResumePath + "/", StringComparison.Ordinal) == true;

    public string Title => "Sign in";
}

public sealed record TwoFactorForm : IAdminPage
{
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code."), StringLength(40)]
    [Display(Name = "Authentication code")]
    public string Code { get; init; } = "";

    public bool UseRecoveryCode { get; init; }

    [Display(Name = "Don't ask again on this device")]
    public bool RememberDevice { get; init; }

    public bool RememberMe { get; init; }
    public string? ReturnUrl { get; init; }

    public string Title => "Two-step sign-in";
}

public sealed record ForgotPasswordForm : IAdminPage
{
    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string Email { get; init; } = "";

    public bool Sent { get; init; }

    public string Title => "Forgotten password";
}

public sealed record SetPasswordForm : IAdminPage
{
    [Required]
    public string UserId { get; init; } = "";

    [Required]
    public string Token { get; init; } = "";

    [Required(ErrorMessage = "Choose a password."), StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    [DataType(DataType.Password), Display(Name = "New password")]
    public string Password { get; init; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password), Display(Name = "New password again")]
    public string ConfirmPassword { get; init; } = "";

    public bool IsInvitation { get; init; }

    public string Title => IsInvitation ? "Activate your account" : "Choose a new password";
}

public sealed record SetupForm : IAdminPage
{
    [Required(ErrorMessage = "Enter your name."), StringLength(200), Display(Name = "Your name")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Choose a password."), StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password), Display(Name = "Password again")]
    public string ConfirmPassword { get; init; } = "";

    public string Title => "Set up the newsroom";
}

public sealed record MessagePage(string Title, string Message) : IAdminPage;
