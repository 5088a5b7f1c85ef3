using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Analytics;

/// <summary>
/// Where a view came from, judged from the Referer header and a newsletter link's <c>utm_medium=email</c> alone.
/// Only the class is kept, never the referring address.
/// </summary>
public static class ReferrerClassifier
{
    // Matched against the host and each parent domain ("www.google.co.uk" tries "google.co.uk", "co.uk", ...), and
    // against the host's first label before a public suffix ("google" of "google.de"), so one entry covers every country.
    private static readonly HashSet<string> SearchNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "google", "bing", "duckduckgo", "yahoo", "ecosia", "yandex", "baidu", "qwant", "startpage", "search.brave.com",
        "kagi", "naver", "seznam", "ask", "aol", "mojeek", "sogou", "so.com", "search.yahoo.com", "you.com", "perplexity.ai",
    };

    private static readonly HashSet<string> SocialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "facebook", "fb.com", "fb.me", "m.me", "t.co", "x.com", "twitter", "linkedin", "lnkd.in", "reddit", "redd.it",
        "bsky.app", "bsky.social", "threads.net", "threads.com", "instagram", "whatsapp", "wa.me", "telegram", "t.me",
        "mastodon.social", "mastodon.online", "mstdn.social", "pinterest", "tiktok", "youtube", "youtu.be", "tumblr",
        "news.ycombinator.com", "vk.com", "weibo.com", "snapchat",
    };

    // The Google app (Discover lives in it) sends an android-app:// referrer; Google News sends its own host.
    private static readonly string[] GoogleNewsHosts = ["news.google.com", "com.google.android.googlequicksearchbox", "discover.google.com"];

    // A mail client's page: a link someone sent by email. The paper's own issues say so with utm_medium=email first.
    private static readonly string[] WebmailHosts = ["mail.google.com", "outlook.live.com", "outlook.office.com", "outlook.office365.com", "mail.yahoo.com", "mail.proton.me"];

    public static ReferrerClass Classify(string? referrer, string? utmMedium, IReadOnlyCollection<string> ownHosts)
    {
        if (string.Equals(utmMedium, "email", StringComparison.OrdinalIgnoreCase) || string.Equals(utmMedium, "newsletter", StringComparison.OrdinalIgnoreCase))
        {
            return ReferrerClass.Newsletter;
        }
        if (string.IsNullOrWhiteSpace(referrer) || !Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return ReferrerClass.Direct;
        }
        var host = uri.Host.TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        foreach (var own in ownHosts)
        {
            if (host == own || host == "www." + own || (own.StartsWith("www.", StringComparison.Ordinal) && host == own[4..]))
            {
                return ReferrerClass.Internal;
            }
        }
        if (GoogleNewsHosts.Any(g => host == g))
        {
            return ReferrerClass.GoogleNews;
        }
        if (uri.Scheme == "android-app")
        {
            // Other apps: a social app is social; anything else (a mail app, a reader app) is another site.
            return host.Contains("twitter") || host.Contains("facebook") || host.Contains("linkedin") || host.Contains("reddit") || host.Contains("instagram")
                    || host.Contains("whatsapp") || host.Contains("telegram") || host.Contains("bluesky") || host.Contains("threads") ? ReferrerClass.Social
                : ReferrerClass.OtherSite;
        }
        if (WebmailHosts.Any(w => host == w))
        {
            return ReferrerClass.OtherSite;
        }
        if (Matches(host, SocialNames) || host.StartsWith("mastodon.", StringComparison.Ordinal) || host.StartsWith("mstdn.", StringComparison.Ordinal))
        {
            return ReferrerClass.Social;
        }
        if (Matches(host, SearchNames))
        {
            return ReferrerClass.Search;
        }
        return ReferrerClass.OtherSite;
    }

    private static bool Matches(string host, HashSet<string> names)
    {
        // The host itself and each parent: "l.facebook.com" → "facebook.com" → "com".
        for (var candidate = host; candidate.Length > 0;)
        {
            if (names.Contains(candidate))
            {
                return true;
            }
            var label = candidate.IndexOf('.');
            // The registrable name without its suffix: "facebook" of "facebook.com", "google" of "google.co.uk".
            if (label > 0 && IsPublicSuffix(candidate[(label + 1)..]) && names.Contains(candidate[..label]))
            {
                return true;
            }
            if (label < 0)
            {
                break;
            }
            candidate = candidate[(label + 1)..];
        }
        return false;
    }

    // Enough of a suffix test for names on the lists above: "com", "de", "co.uk", "com.au".
    private static bool IsPublicSuffix(string rest) =>
        !rest.Contains('.') || (rest.Split('.') is [var second, var top] && top.Length == 2 && second is "co" or "com" or "org" or "net" or "ac" or "gov" or "ne" or "or");
}
