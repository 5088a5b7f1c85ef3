using System.Security.Cryptography;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// The response headers every page gets. Public pages are cached and shared between readers, so their policy is the
/// same bytes for everyone: no per-request nonce, only 'self' scripts. The uncached newsroom pages get a nonce.
/// Third-party ad code never runs here: it runs in <see cref="AdFrame"/>'s sandboxed frame, under its own policy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // img-src allows any https image: a story's Markdown may embed a picture from an agency or a partner site.
    // frame-src names exactly the hosts a story's click-to-load embeds may frame (Embeds.FrameHosts).
    private static readonly string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        $"connect-src 'self'; media-src 'self' https:; frame-src 'self' {string.Join(' ', Embeds.FrameHosts.Select(h => "https://" + h))}; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

    private const string NonceKey = "csp-nonce";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.XFrameOptions = "DENY";
        if (context.Request.Path.StartsWithSegments(Features.Admin.AdminUrls.Home))
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            headers.ContentSecurityPolicy = PagePolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);
        }
        else if (context.Request.Path.StartsWithSegments(Features.Articles.AdFrameController.PathPrefix))
        {
            // Set here, not by the controller: a 304 or a cached answer must carry the frame's own policy, or the
            // browser merges "frame-ancestors 'none'" into its stored copy and the next page shows a blocked frame.
            headers.ContentSecurityPolicy = Features.Articles.AdFrameController.Policy;
            headers.XFrameOptions = "SAMEORIGIN";
        }
        else
        {
            headers.ContentSecurityPolicy = PagePolicy;
        }
        if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
        {
            // Browsers ignore HSTS over plain http; on localhost it would pin every other local project to https.
            headers.StrictTransportSecurity = "max-age=31536000";
        }
        return next(context);
    }

    /// <summary>The newsroom page's script nonce (for a script tag's nonce attribute); null on public pages.</summary>
    public static string? NonceOf(HttpContext context) => context.Items[NonceKey] as string;

    private static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
