using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// The names cached pages are filed under, so a change can evict just the pages it affects (EvictionMap says which).
/// Every public page carries <see cref="Content"/>; a page adds the tags of what else it shows.
/// </summary>
public static class CacheTags
{
    /// <summary>Every public page: evicted when what every page shows around the story changes (menu, ads, banner).</summary>
    public const string Content = "content";

    public const string PublicPagePolicy = "public-page";

    public const string FrontPage = "front";
    public const string Feeds = "feeds";
    public const string Sitemaps = "sitemaps";
    public const string Search = "search";
    public const string CorrectionsPage = "corrections";
    public const string ArchiveIndex = "archive";
    public const string NewsletterArchive = "newsletter-archive";

    /// <summary>A story's own page (and its live updates).</summary>
    public static string Article(int id) => $"article:{id}";

    // The lists: the same names their lengths are memoised under (Shared/CardPaging).
    public static string Section(int id) => $"section:{id}";
    public static string Tag(int id) => $"tag:{id}";
    public static string Author(int id) => $"author:{id}";
    public static string Archive(int year, int? month) => $"archive:{year}-{month}";

    // What a story's page shows of other things: its tags' names and its writers' bylines, by the slugs it links them by.
    public static string TaggedWith(string tagSlug) => $"tagged:{tagSlug}";
    public static string Byline(string authorSlug) => $"byline:{authorSlug}";

    /// <summary>Files the page being answered under more tags; a no-op where the page is not being cached.</summary>
    public static void TagCachedPage(this HttpContext context, params IEnumerable<string> tags)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context.Tags is { } pageTags)
        {
            pageTags.UnionWith(tags);
        }
    }
}

/// <summary>Files every page a controller or action answers under the given tags (for pages whose tags are fixed).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class CachedUnderAttribute(params string[] tags) : Microsoft.AspNetCore.Mvc.Filters.ActionFilterAttribute
{
    public override void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context) =>
        context.HttpContext.TagCachedPage(tags);
}
