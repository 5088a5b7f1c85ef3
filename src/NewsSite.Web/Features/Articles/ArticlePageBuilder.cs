using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Articles;

/// <summary>Assembles an article page: body split for the ad, neighbours, head. Shared by the public page and the newsroom preview.</summary>
public sealed class ArticlePageBuilder(ArticleReader reader, AdReader ads, PageMetaFactory meta, IOptions<SiteOptions> site)
{
    public async Task<ArticlePage> BuildAsync(ArticleView article, CancellationToken cancellationToken, bool isPreview = false)
    {
        var neighbours = await reader.NeighboursAsync(article, cancellationToken);
        string? inlineAd = null, sidebarAd = null;
        // No ads in the newsroom's preview: its pages are for staff, and nothing from an ad belongs on them.
        if (!article.NoAds && !isPreview)
        {
            inlineAd = await ads.IsShownAsync(AdPlacements.ArticleInline, cancellationToken) ? AdPlacements.ArticleInline : null;
            sidebarAd = await ads.IsShownAsync(AdPlacements.Sidebar, cancellationToken) ? AdPlacements.Sidebar : null;
        }
        var body = inlineAd is null ? new SplitBody(article.BodyHtml, null) : AdPlacement.Split(article.BodyHtml, site.Value.AdAfterParagraph);
        var pageMeta = MetaFor(article);
        return new ArticlePage(article, body, inlineAd, sidebarAd, neighbours, isPreview ? pageMeta with { NoIndex = true } : pageMeta, isPreview);
    }

    private PageMeta MetaFor(ArticleView article)
    {
        var url = meta.Absolute(article.Url);
        var image = meta.AbsoluteOrNull(article.Hero?.Url);
        var siteName = meta.Site.Name;
        return meta.Create(article.Title, article.Standfirst, article.Url) with
        {
            OpenGraphType = "article",
            ImageUrl = image,
            ImageAlt = article.Hero?.Alt,
            PublishedAt = article.PublishedAt,
            ModifiedAt = article.UpdatedAt,
            JsonLd =
            [
                StructuredData.NewsArticle(article.Title, article.Standfirst, url, image, article.PublishedAt, article.UpdatedAt,
                    article.Authors.Select(a => new StructuredData.Person(a.Name, meta.Absolute(SiteUrls.Author(a.Slug)))),
                    article.SectionName, siteName, meta.Absolute(SiteUrls.Home), meta.Absolute(SiteUrls.Logo)),
                StructuredData.Breadcrumbs(
                    (siteName, meta.Absolute(SiteUrls.Home)),
                    (article.SectionName, meta.Absolute(SiteUrls.Section(article.SectionSlug))),
                    (article.Title, url)),
            ],
        };
    }
}
