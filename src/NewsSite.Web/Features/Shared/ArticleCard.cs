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
    /// The cards for these ids, read in one query. Pages that show cards from several lists gather every list's
    /// ids first (from indexes alone) and read all their cards at once: each query costs a statement preparation
    /// and EF's per-query work whatever it returns, and a card query is the most expensive kind to prepare.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ArticleCard>> CardsByIdAsync(this IQueryable<Article> articles, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? new Dictionary<int, ArticleCard>() : await articles.Where(a => ids.Contains(a.Id)).ToCards().ToDictionaryAsync(c => c.Id, cancellationToken);

    /// <summary>In the order of <paramref name="ids"/>, leaving out any that has gone since its id was read.</summary>
    public static List<ArticleCard> InOrder(this IReadOnlyDictionary<int, ArticleCard> cards, IEnumerable<int> ids) =>
        ids.Select(cards.GetValueOrDefault).OfType<ArticleCard>().ToList();

    /// <summary>
    /// One page of a list's ids, newest first, from the index alone: a plain OFFSET over cards would build (and throw
    /// away) every skipped card, reading its row, which for section page 200 is thousands of large rows. The list's
    /// length (for "page 3 of 410") is a pass over its whole index range, 12 ms for the front page of a
    /// 100,000-story paper, so it is counted once per content change, under the name <paramref name="list"/>.
    /// </summary>
    public static async Task<Paged<int>> PageIdsAsync(this IQueryable<Article> articles, ContentChanges changes, string list, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await changes.GetOrLoadAsync($"count:{list}", () => articles.CountAsync(cancellationToken));
        var ids = await articles.NewestFirst().Skip(Paged<int>.Skip(page, pageSize)).Take(pageSize).Select(a => a.Id).ToListAsync(cancellationToken);
        return new Paged<int>(ids, page, pageSize, total);
    }

    /// <summary>One page of a list's cards: its ids (see <see cref="PageIdsAsync"/>), then their cards from <paramref name="all"/>.</summary>
    public static async Task<Paged<ArticleCard>> PageAsync(this IQueryable<Article> articles, IQueryable<Article> all,
        ContentChanges changes, string list, int page, int pageSize, CancellationToken cancellationToken)
    {
        var ids = await articles.PageIdsAsync(changes, list, page, pageSize, cancellationToken);
        var cards = await all.CardsByIdAsync(ids.Items, cancellationToken);
        return ids.Select(cards.InOrder(ids.Items));
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
