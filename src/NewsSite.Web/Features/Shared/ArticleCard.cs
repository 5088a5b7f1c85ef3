using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

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
    /// <summary>
    /// Articles a reader may see: published, and not dated in the future. (A story in the trash is never Published:
    /// the editor unpublishes it on the way in, so this needs no DeletedAt test, which no index could answer.)
    /// </summary>
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow);

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

public static class CardPaging
{
    /// <summary>
    /// One page of cards, newest first, in two steps: the page's ids from the index alone, then the dozen cards.
    /// A plain OFFSET would build (and throw away) every skipped card, reading its row, which for section page 200
    /// is thousands of large rows. The list's length (for "page 3 of 410") is a pass over its whole index range,
    /// 12 ms for the front page of a 100,000-story paper, so it is counted once per content change, under the
    /// name <paramref name="list"/>.
    /// </summary>
    public static async Task<Paged<ArticleCard>> PageAsync(this IQueryable<Article> articles, IQueryable<Article> all,
        ContentChanges changes, string list, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await changes.GetOrLoadAsync($"count:{list}", () => articles.CountAsync(cancellationToken));
        var ids = await articles.NewestFirst().Skip(Paged<ArticleCard>.Skip(page, pageSize)).Take(pageSize).Select(a => a.Id).ToListAsync(cancellationToken);
        var cards = await all.Where(a => ids.Contains(a.Id)).ToCards().ToListAsync(cancellationToken);
        return new Paged<ArticleCard>(cards.OrderBy(c => ids.IndexOf(c.Id)).ToList(), page, pageSize, total);
    }
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
