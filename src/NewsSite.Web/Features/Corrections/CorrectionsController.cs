using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Feeds;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Corrections;

public sealed record CorrectionsPage(Paged<CorrectionListing> Corrections, PageMeta Meta) : IHasPageMeta;

/// <summary>The public record of corrections: a page and its feeds, cached like every public page and evicted when a correction changes.</summary>
[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.CorrectionsPage), Analytics.CountedPage]
public sealed class CorrectionsController(CorrectionReader reader, PageMetaFactory meta) : Controller
{
    [HttpGet("/corrections")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var corrections = await reader.PageAsync(page, cancellationToken);
        if (corrections is null || corrections.IsOutOfRange)
        {
            return NotFound();
        }
        var title = "Corrections and updates";
        var pageMeta = meta.Create(title, $"Every correction, clarification and update {meta.Site.Name} has made to a published story, newest first.", SiteUrls.Corrections, corrections) with
        {
            RssUrl = meta.Absolute(SiteUrls.RssFeed(SiteUrls.Corrections)),
            AtomUrl = meta.Absolute(SiteUrls.AtomFeed(SiteUrls.Corrections)),
            FeedTitle = $"{meta.Site.Name}: {title}",
        };
        return View(new CorrectionsPage(corrections, pageMeta));
    }

    [HttpGet("/corrections/feed.xml")]
    public Task<IActionResult> Rss(CancellationToken cancellationToken) => Feed(FeedFormat.Rss, cancellationToken);

    [HttpGet("/corrections/atom.xml")]
    public Task<IActionResult> Atom(CancellationToken cancellationToken) => Feed(FeedFormat.Atom, cancellationToken);

    private async Task<IActionResult> Feed(FeedFormat format, CancellationToken cancellationToken)
    {
        var source = await reader.FeedAsync(meta.Site.Name, cancellationToken);
        return FeedResponses.Respond(this, source, format, meta);
    }
}
