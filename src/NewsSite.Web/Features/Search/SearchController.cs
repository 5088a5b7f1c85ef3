using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Search;

public sealed record SearchPage(SearchResults Results, PageMeta Meta) : IHasPageMeta;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.Search), Analytics.CountedPage]
public sealed class SearchController(ArticleSearch search, PageMetaFactory meta) : Controller
{
    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] string? sort, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        // A malformed page number is treated as the first page: a search box should never answer with an error.
        page = ModelState.IsValid && page >= 1 ? page : 1;
        // Relevance unless the reader asks for the newest first; anything else in "sort" is ignored, not an error.
        var newestFirst = sort == SiteUrls.SearchNewestFirst;
        var results = await search.SearchAsync(q, page, newestFirst, cancellationToken);
        if (results.Hits.IsOutOfRange)
        {
            return NotFound();
        }
        var title = string.IsNullOrEmpty(results.Query) ? "Search" : $"Search: {results.Query}";
        var query = new Dictionary<string, string?> { ["q"] = results.Query, ["sort"] = newestFirst ? SiteUrls.SearchNewestFirst : null };
        var pageMeta = meta.Create(title, $"Search {meta.Site.Name}.", SiteUrls.Search, results.Hits, query) with { NoIndex = true };
        return View(new SearchPage(results, pageMeta));
    }
}
