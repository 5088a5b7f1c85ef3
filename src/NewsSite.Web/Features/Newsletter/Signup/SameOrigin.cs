using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Signup;

/// <summary>
/// The signup form's stand-in for an antiforgery token (it sits on cached pages, so it cannot carry one): browsers say
/// where a form post comes from in <c>Sec-Fetch-Site</c> and <c>Origin</c>, and neither can be set by another site's
/// page. A post that names another origin is refused; one that names none (an old browser) is let through, because
/// double opt-in still stands between it and any mail being sent to a subscriber (docs/decisions/0003).
/// </summary>
public static class SameOrigin
{
    public static bool Allows(HttpRequest request, SiteOptions site)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return false;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        // "null" (a sandboxed frame, a file) and anything unparsable is another origin.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }
        return (Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var own) && SameAs(from, own.Scheme, own.Host, own.Port))
            || SameAs(from, request.Scheme, request.Host.Host, request.Host.Port ?? (request.IsHttps ? 443 : 80));
    }

    private static bool SameAs(Uri origin, string scheme, string host, int port) =>
        string.Equals(origin.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.Host, host, StringComparison.OrdinalIgnoreCase)
        && origin.Port == port;
}
