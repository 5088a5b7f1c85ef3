using System.Linq.Expressions;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Shared;

public static class PublicArticleQueries
{
    /// <summary>
    /// Articles a reader may see: published, and not dated in the future. (A story in the trash is never Published:
    /// the editor unpublishes it on the way in, so this needs no DeletedAt test, which no index could answer.)
    /// Compiled queries cannot call it and write it out: CardPaging, FrontPageReader, ListingReader and ArticleReader. Keep them in step.
    /// </summary>
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow);

    public static IQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    public static IQueryable<ArticleCard> ToCards(this IQueryable<Article> articles) => articles.Select(CardProjection);

    /// <summary>A story as a card, for <see cref="ToCards"/> and for compiled queries (which cannot call an extension method).</summary>
    public static readonly Expression<Func<Article, ArticleCard>> CardProjection = a => new ArticleCard(
        a.Id,
        a.Title,
        SiteUrls.Article(a.Section.Slug, a.Slug),
        a.Standfirst,
        a.Section.Name,
        a.Section.Slug,
        a.PublishedAt!.Value,
        a.HeroImageUrl,
        a.HeroImageAlt,
        a.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).FirstOrDefault(),
        a.WorkType,
        a.SponsorName,
        a.WorkType != WorkType.Live || a.LiveStartedAt == null ? LiveState.None : a.LiveEndedAt == null ? LiveState.Running : LiveState.Ended);
}
