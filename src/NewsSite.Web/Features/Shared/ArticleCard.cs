using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Shared;

/// <summary>What a list shows of an article: the front page, sections, tags, search results, related stories.</summary>
public sealed record ArticleCard(
    int Id,
    string Title,
    string Url,
    string Standfirst,
    string SectionName,
    string SectionSlug,
    DateTime PublishedAt,
    string? ImageUrl,
    string? ImageAlt,
    string? Byline);

public static class PublicArticleQueries
{
    /// <summary>Articles a reader may see: published, and not dated in the future.</summary>
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow && a.DeletedAt == null);

    public static IQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    public static IQueryable<ArticleCard> ToCards(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(
            a.Id,
            a.Title,
            "/" + a.Section.Slug + "/" + a.Slug,
            a.Standfirst,
            a.Section.Name,
            a.Section.Slug,
            a.PublishedAt!.Value,
            a.HeroImageUrl,
            a.HeroImageAlt,
            a.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).FirstOrDefault()));
}

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
