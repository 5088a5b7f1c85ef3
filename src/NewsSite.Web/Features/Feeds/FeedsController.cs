using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Feeds;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.Feeds)]
public sealed class FeedsController(FeedReader reader, PageMetaFactory meta) : Controller
{
    [HttpGet("/feed.xml")]
    public Task<IActionResult> SiteRss(CancellationToken cancellationToken) => Site(FeedFormat.Rss, cancellationToken);

    [HttpGet("/atom.xml")]
    public Task<IActionResult> SiteAtom(CancellationToken cancellationToken) => Site(FeedFormat.Atom, cancellationToken);

    [HttpGet("/{section:slug}/feed.xml")]
    public async Task<IActionResult> SectionRss(string section, CancellationToken cancellationToken) =>
        Feed(await reader.SectionAsync(meta.Site.Name, section.ToLowerInvariant(), cancellationToken), FeedFormat.Rss);

    [HttpGet("/{section:slug}/atom.xml")]
    public async Task<IActionResult> SectionAtom(string section, CancellationToken cancellationToken) =>
        Feed(await reader.SectionAsync(meta.Site.Name, section.ToLowerInvariant(), cancellationToken), FeedFormat.Atom);

    [HttpGet("/tag/{slug:slug}/feed.xml")]
    public async Task<IActionResult> TagRss(string slug, CancellationToken cancellationToken) =>
        Feed(await reader.TagAsync(meta.Site.Name, slug.ToLowerInvariant(), cancellationToken), FeedFormat.Rss);

    [HttpGet("/tag/{slug:slug}/atom.xml")]
    public async Task<IActionResult> TagAtom(string slug, CancellationToken cancellationToken) =>
        Feed(await reader.TagAsync(meta.Site.Name, slug.ToLowerInvariant(), cancellationToken), FeedFormat.Atom);

    private async Task<IActionResult> Site(FeedFormat format, CancellationToken cancellationToken) =>
        Feed(await reader.SiteAsync(meta.Site.Name, meta.Site.Description, cancellationToken), format);

    private IActionResult Feed(FeedSource? source, FeedFormat format) =>
        source is null ? NotFound() : FeedResponses.Respond(this, source, format, meta);
}
