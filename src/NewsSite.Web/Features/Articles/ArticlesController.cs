using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Articles;

public sealed record ArticlePage(
    ArticleView Article,
    SplitBody Body,
    string? InlineAdPlacement,
    string? SidebarAdPlacement,
    ArticleNeighbours Neighbours,
    PageMeta Meta,
    bool IsPreview = false) : IHasPageMeta
{
    /// <summary>The story's corrections, oldest first (set by ArticlePageBuilder).</summary>
    public IReadOnlyList<Corrections.CorrectionView> Corrections { get; init; } = [];

    /// <summary>A live story's coverage and entries (set by ArticlePageBuilder); null for any other story.</summary>
    public Live.LiveCoverageView? Live { get; init; }

    public CorrectionsBlock CorrectionsAtTop => new(Corrections.Where(c => c.ShowAtTop).ToList(), AtTop: true);

    public CorrectionsBlock CorrectionsAtEnd => new(Corrections.Where(c => !c.ShowAtTop).ToList(), AtTop: false);
}

public sealed record CorrectionsBlock(IReadOnlyList<Corrections.CorrectionView> Corrections, bool AtTop);

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), Analytics.CountedPage]
public sealed class ArticlesController(ArticleReader reader, ArticlePageBuilder pages) : Controller
{
    [HttpGet("/{section:slug}/{slug:slug}")]
    public async Task<IActionResult> Show(string section, string slug, CancellationToken cancellationToken)
    {
        var lookup = await reader.FindAsync(slug, cancellationToken);
        if (lookup.RedirectTo is { } renamed)
        {
            return RedirectPermanent(renamed);
        }
        if (lookup.Article is not { } article)
        {
            return NotFound();
        }
        // One address per story: a wrong section or upper-case letters redirect to the canonical URL.
        if (!string.Equals(Request.Path.Value, article.Url, StringComparison.Ordinal))
        {
            return RedirectPermanent(article.Url);
        }

        Analytics.PageViewCounting.MarkArticle(HttpContext, article.Id);
        HttpContext.TagCachedPage([CacheTags.Article(article.Id), .. article.Tags.Select(t => CacheTags.TaggedWith(t.Slug)), .. article.Authors.Select(a => CacheTags.Byline(a.Slug))]);
        Response.GetTypedHeaders().LastModified = DateTime.SpecifyKind(article.UpdatedAt, DateTimeKind.Utc);
        return View(await pages.BuildAsync(article, cancellationToken));
    }
}
