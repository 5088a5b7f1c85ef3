using System.Globalization;

namespace NewsSite.Web.Features.Shared;

/// <summary>
/// Every public address the site links to, in one place: readers, feeds, sitemaps, views and emails build them here,
/// so the address scheme changes in one file. Paths only; SiteOptions.AbsoluteUrl (or PageMetaFactory.Absolute) makes
/// them absolute. The routes themselves stay on the controllers' attributes.
/// </summary>
public static class SiteUrls
{
    public const string Home = "/";
    public const string Archive = "/archive";
    public const string Search = "/search";

    /// <summary>The value of the search page's "sort" that lists matches newest first instead of best first.</summary>
    public const string SearchNewestFirst = "date";
    public const string Newsletter = "/newsletter";
    public const string NewsletterConfirm = "/newsletter/confirm";
    public const string NewsletterSignup = "/newsletter/signup";
    public const string NewsletterPreferences = "/newsletter/preferences";
    public const string NewsletterPreferencesLink = "/newsletter/preferences/link";
    public const string NewsletterConfirmAddress = "/newsletter/preferences/confirm-address";
    public const string NewsletterUnsubscribe = "/newsletter/unsubscribe";
    public const string Sitemap = "/sitemap.xml";
    public const string NewsSitemap = "/news-sitemap.xml";
    public const string SitemapOfPages = "/sitemap-pages.xml";
    public const string Logo = "/images/logo.svg";

    /// <summary>Every correction and update, newest first; its feeds are RssFeed(Corrections) and AtomFeed(Corrections).</summary>
    public const string Corrections = "/corrections";

    /// <summary>The search page as a schema.org SearchAction target: the braces are the template's, not a query.</summary>
    public const string SearchTemplate = Search + "?q={search_term_string}";

    public static string Article(string sectionSlug, string slug) => $"/{sectionSlug}/{slug}";
    public static string Section(string slug) => $"/{slug}";
    public static string Tag(string slug) => $"/tag/{slug}";
    public static string Author(string slug) => $"/author/{slug}";

    /// <summary>A static page: About, Contact, the masthead, the paper's policies.</summary>
    public static string Page(string slug) => $"/pages/{slug}";
    /// <summary>The newest entries of a live story, polled by its readers' pages.</summary>
    public static string LiveUpdates(int articleId) => string.Create(CultureInfo.InvariantCulture, $"/live/{articleId}/updates");

    /// <summary>A shared preview of an unpublished story (the token is URL-safe already).</summary>
    public static string Preview(string token) => $"/preview/{token}";

    public static string ArchiveOf(int year, int? month = null) =>
        month is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Archive}/{year}")
            : string.Create(CultureInfo.InvariantCulture, $"{Archive}/{year}/{month:00}");

    /// <summary>One of the numbered sitemap files of articles, from 1.</summary>
    public static string SitemapOfArticles(int file) => string.Create(CultureInfo.InvariantCulture, $"/sitemap-articles-{file}.xml");

    /// <summary>The RSS feed of a list (a section or tag page), or of the whole site for <see cref="Home"/>.</summary>
    public static string RssFeed(string listPath = Home) => listPath.TrimEnd('/') + "/feed.xml";

    /// <summary>The Atom feed of a list (a section or tag page), or of the whole site for <see cref="Home"/>.</summary>
    public static string AtomFeed(string listPath = Home) => listPath.TrimEnd('/') + "/atom.xml";

    /// <summary>Section slugs that would collide with the site's own top-level paths.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "archive", "author", "tag", "search", "newsletter", "feed.xml", "atom.xml", "sitemap.xml",
        "news-sitemap.xml", "robots.txt", "corrections", "healthz", "error", "css", "js", "images", "media", "account", "unsubscribe", "pages",
        "newsletters",
    };

    /// <summary>Every newsletter's past issues (the archive of all of them).</summary>
    public const string NewsletterArchives = "/newsletters";

    /// <summary>One newsletter's past issues, newest first.</summary>
    public static string NewsletterArchive(string newsletterSlug) => $"{NewsletterArchives}/{newsletterSlug}";

    /// <summary>An issue's web version ("View in your browser"), without anyone's personal links.</summary>
    public static string NewsletterIssue(string newsletterSlug, int issueId) => string.Create(CultureInfo.InvariantCulture, $"{NewsletterArchive(newsletterSlug)}/{issueId}");

    /// <summary>A counted link in an issue (Newsletter:CountClicks): redirects to the address stored for it.</summary>
    public static string NewsletterClick(int linkId) => string.Create(CultureInfo.InvariantCulture, $"{NewsletterArchives}/click/{linkId}");

    /// <summary>The open-counting pixel of an issue (Newsletter:CountOpens).</summary>
    public static string NewsletterOpen(int issueId) => string.Create(CultureInfo.InvariantCulture, $"{NewsletterArchives}/open/{issueId}.gif");

    /// <summary>
    /// The query string on a story link in a newsletter issue: the page-view counts class such a visit as from the
    /// newsletter (utm_medium=email), and the campaign names which newsletter.
    /// </summary>
    public static string FromNewsletter(string newsletterSlug) => "?utm_source=newsletter&utm_medium=email&utm_campaign=" + Uri.EscapeDataString(newsletterSlug);
}
