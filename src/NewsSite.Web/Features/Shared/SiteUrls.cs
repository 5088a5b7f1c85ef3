namespace NewsSite.Web.Features.Shared;

public static class SiteUrls
{
    public static string Article(string sectionSlug, string slug) => $"/{sectionSlug}/{slug}";
    public static string Section(string slug) => $"/{slug}";
    public static string Tag(string slug) => $"/tag/{slug}";
    public static string Author(string slug) => $"/author/{slug}";

    /// <summary>Section slugs that would collide with the site's own top-level paths.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "archive", "author", "tag", "search", "newsletter", "feed.xml", "atom.xml", "sitemap.xml",
        "news-sitemap.xml", "robots.txt", "healthz", "error", "css", "js", "images", "media", "account", "unsubscribe",
    };
}
