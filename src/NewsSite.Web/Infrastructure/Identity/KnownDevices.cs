using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace NewsSite.Web.Infrastructure.Identity;

/// <summary>
/// A signed cookie saying "this browser signed in as this address before". It lets a person through the sign-in
/// throttles while someone else is guessing their password (OWASP's device cookies): the guesser has no such cookie.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = ".NewsSite.Device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly IDataProtector protector = protection.CreateProtector("NewsSite.KnownDevice");

    /// <summary>A key for this device if it signed in as <paramref name="email"/> before, or null.</summary>
    public string? KeyFor(HttpContext context, string email)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(cookie).Split('\n');
            return parts.Length == 2 && parts[0] == SignInThrottle.Normalise(email)
                ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)))[..32]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Remember(HttpContext context, string email) =>
        context.Response.Cookies.Append(CookieName,
            protector.Protect($"{SignInThrottle.Normalise(email)}\n{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}"),
            new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = Features.Admin.AdminUrls.Home,
                Expires = clock.GetUtcNow() + Lifetime,
                IsEssential = true,
            });
}
