using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Preferences;

/// <summary>
/// The magic link to a reader's preference centre: their unsubscribe token, signed and dated with the site's key ring
/// (so it works on every node and cannot be forged), valid for Newsletter:PreferenceLinkDays. No password, no account.
/// </summary>
public sealed class PreferenceLinks(IDataProtectionProvider protection, IOptions<SiteOptions> site, IOptions<NewsletterOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("NewsSite.Newsletter.Preferences.v1").ToTimeLimitedDataProtector();

    public string Token(string unsubscribeToken) =>
        protector.Protect(unsubscribeToken, clock.GetUtcNow().AddDays(options.Value.PreferenceLinkDays));

    public string Url(string unsubscribeToken) =>
        QueryHelpers.AddQueryString(site.Value.AbsoluteUrl(SiteUrls.NewsletterPreferences).ToString(), "t", Token(unsubscribeToken));

    /// <summary>The unsubscribe token the link names, or null when it is forged, mangled or expired.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }
        try
        {
            var value = protector.Unprotect(token, out var expires);
            return expires >= clock.GetUtcNow() ? value : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
