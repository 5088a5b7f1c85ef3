using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Corrections;
using NewsSite.Web.Features.Pages;
using NewsSite.Web.Features.Live;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Articles;

/// <summary>Assembles an article page: body split for the ad, neighbours, head. Shared by the public page and the newsroom preview.</summary>
public sealed class ArticlePageBuilder(ArticleReader reader, CorrectionReader corrections, LiveReader live, AdReader ads, PageMetaFactory meta, IOptions<SiteOptions> site, PublicPages pages)
{
    public async Task<ArticlePage> BuildAsync(ArticleView article, CancellationToken cancellationToken, bool isPreview = false)
    {
        var neighbours = await reader.NeighboursAsync(article, cancellationToken);
        IReadOnlyList<CorrectionView> notes = article.HasCorrections ? await corrections.ForArticleAsync(article.Id, cancellationToken) : [];
        var coverage = article.Labels.WorkType == WorkType.Live ? await live.ForArticleAsync(article.Id, cancellationToken) : null;
        string? inlineAd = null, sidebarAd = null;
        // No ads in the newsroom's preview: its pages are for staff, and nothing from an ad belongs on them.
        if (!article.NoAds && !isPreview)
        {
            inlineAd = await ads.IsShownAsync(AdPlacements.ArticleInline, cancellationToken) ? AdPlacements.ArticleInline : null;
            sidebarAd = await ads.IsShownAsync(AdPlacements.Sidebar, cancellationToken) ? AdPlacements.Sidebar : null;
        }
        var body = inlineAd is null ? new SplitBody(article.BodyHtml, null) : AdPlacement.Split(article.BodyHtml, article.ParagraphEnds, site.Value.AdAfterParagraph);
        var pageMeta = MetaFor(article, notes, coverage, await pages.PublisherAsync(cancellationToken));
        return new ArticlePage(article, body, inlineAd, sidebarAd, neighbours, isPreview ? pageMeta with { NoIndex = true } : pageMeta, isPreview) { Corrections = notes, Live = coverage };
    }

    private PageMeta MetaFor(ArticleView article, IReadOnlyList<CorrectionView> notes, LiveCoverageView? coverage, StructuredData.Publisher publisher)
    {
        var url = meta.Absolute(article.Url);
        var image = meta.AbsoluteOrNull(article.Hero?.Url);
        var siteName = meta.Site.Name;
        // An editor's "Updated" time, or a later correction: whichever readers were last told about.
        var modified = notes.Count == 0 ? article.ModifiedAt : new[] { article.ModifiedAt, notes.Max(n => n.At) }.Max();
        // A live story changes with every entry: its newest entry, or the last edit of one, is its latest change.
        if (coverage is { Entries.Count: > 0 })
        {
            modified = new[] { modified, coverage.Entries.Max(e => e.EditedAt ?? e.PostedAt) }.Max();
        }
        return meta.Create(article.Title, article.Standfirst, article.Url) with
        {
            OpenGraphType = "article",
            ImageUrl = image,
            ImageAlt = article.Hero?.Alt,
            PublishedAt = article.PublishedAt,
            ModifiedAt = modified,
            TwitterCreator = article.Authors.Select(a => ProfileLinks.NormalizeHandle(a.XHandle)).FirstOrDefault(h => h is not null && ProfileLinks.IsValidHandle(h)),
            JsonLd =
            [
                StructuredData.NewsArticle(article.Title, article.Standfirst, url, image, article.PublishedAt, modified,
                    article.Authors.Select(a => new StructuredData.Person(a.Name, meta.Absolute(SiteUrls.Author(a.Slug)))
                    {
                        JobTitle = a.JobTitle,
                        Image = meta.AbsoluteOrNull(a.PhotoUrl),
                        SameAs = ProfileLinks.SameAs(a.ProfileLinks, a.XHandle),
                    }),
                    article.SectionName, siteName, meta.Absolute(SiteUrls.Home), meta.Absolute(meta.Site.LogoPath ?? SiteUrls.Logo),
                    WorkLabels.SchemaType(article.Labels.WorkType), article.Labels.Backstory,
                    article.Labels.WorkType == WorkType.Sponsored ? article.Labels.SponsorName : null,
                    notes.Select(c => new StructuredData.CorrectionNote($"{c.Label}: {c.Text}", c.At, url + "#" + c.Anchor)),
                    publisher, coverage is null ? null : LiveBlogOf(coverage, url)),
                StructuredData.Breadcrumbs(
                    (siteName, meta.Absolute(SiteUrls.Home)),
                    (article.SectionName, meta.Absolute(SiteUrls.Section(article.SectionSlug))),
                    (article.Title, url)),
            ],
        };
    }

    private StructuredData.LiveBlog LiveBlogOf(LiveCoverageView coverage, string url) =>
        new(coverage.StartedAt, coverage.EndedAt, coverage.Entries
            .OrderByDescending(e => e.PostedAt).Take(LiveReader.StructuredDataCount)
            .Select(e =>
            {
                var text = live.TextOf(e);
                return new StructuredData.LiveBlogUpdate(e.Title ?? Text.Excerpt(text, 80), text, e.PostedAt, e.EditedAt, url + "#" + e.Anchor, e.PostedBy is "" ? null : e.PostedBy);
            }).ToList());
}
