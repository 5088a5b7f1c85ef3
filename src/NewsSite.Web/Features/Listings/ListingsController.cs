using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Listings;

public sealed record ListingPage(Listing Listing, PageMeta Meta) : IHasPageMeta;

public sealed record ArchiveIndexPage(IReadOnlyList<ArchiveMonth> Months, PageMeta Meta) : IHasPageMeta;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), Analytics.CountedPage]
public sealed class ListingsController(ListingReader reader, PageMetaFactory meta) : Controller
{
    [HttpGet("/{section:slug}")]
    public async Task<IActionResult> Section(string section, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var slug = section.ToLowerInvariant();
        var listing = page < 1 ? null : await reader.SectionAsync(slug, page, cancellationToken);
        return listing is null && await reader.RenamedSectionAsync(slug, cancellationToken) is { } moved
            ? RedirectPermanent(PageLinks.For(moved, page))
            : Show(listing);
    }

    [HttpGet("/tag/{slug:slug}")]
    public async Task<IActionResult> Tag(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        slug = slug.ToLowerInvariant();
        var listing = page < 1 ? null : await reader.TagAsync(slug, page, cancellationToken);
        return listing is null && await reader.RenamedTagAsync(slug, cancellationToken) is { } moved
            ? RedirectPermanent(PageLinks.For(moved, page))
            : Show(listing);
    }

    [HttpGet("/author/{slug:slug}")]
    public async Task<IActionResult> Author(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        Show(page < 1 ? null : await reader.AuthorAsync(slug.ToLowerInvariant(), page, cancellationToken));

    [HttpGet("/archive/{year:int}/{month:int?}")]
    public async Task<IActionResult> Archive(int year, int? month, [FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        Show(page < 1 ? null : await reader.ArchiveAsync(year, month, page, cancellationToken));

    [HttpGet("/archive")]
    public async Task<IActionResult> ArchiveIndex(CancellationToken cancellationToken)
    {
        var months = await reader.ArchiveMonthsAsync(cancellationToken);
        HttpContext.TagCachedPage(CacheTags.ArchiveIndex);
        return View(new ArchiveIndexPage(months, meta.Create("Archive", "Every story, month by month.", SiteUrls.Archive)));
    }

    private IActionResult Show(Listing? listing)
    {
        if (listing is null || listing.Articles.IsOutOfRange)
        {
            return NotFound();
        }
        // A wrong-case or otherwise non-canonical address gets one answer: the canonical one.
        if (!string.Equals(Request.Path.Value, listing.Path, StringComparison.Ordinal))
        {
            return RedirectPermanent(PageLinks.For(listing.Path, listing.Articles.Page));
        }
        HttpContext.TagCachedPage(listing.CacheTag);
        var pageMeta = meta.Create(listing.Heading, listing.Description, listing.Path, listing.Articles) with
        {
            RssUrl = listing.FeedPath is null ? null : meta.Absolute(SiteUrls.RssFeed(listing.FeedPath)),
            AtomUrl = listing.FeedPath is null ? null : meta.Absolute(SiteUrls.AtomFeed(listing.FeedPath)),
            FeedTitle = listing.FeedPath is null ? null : $"{meta.Site.Name}: {listing.Heading}",
            ImageUrl = meta.AbsoluteOrNull(listing.Author?.PhotoUrl ?? listing.Articles.Items.FirstOrDefault()?.ImageUrl),
            ImageAlt = listing.Author is { } author ? $"Portrait of {author.Name}" : listing.Articles.Items.FirstOrDefault()?.ImageAlt,
            OpenGraphType = listing.Author is null ? "website" : "profile",
            TwitterCreator = listing.Author?.XHandle,
        };
        if (listing.Author is { } person && listing.Articles.Page == 1)
        {
            pageMeta = pageMeta with
            {
                JsonLd =
                [
                    StructuredData.ProfilePage(new StructuredData.Person(person.Name, meta.Absolute(listing.Path))
                    {
                        JobTitle = person.JobTitle,
                        Image = meta.AbsoluteOrNull(person.PhotoUrl),
                        SameAs = person.SameAs,
                    }, meta.Absolute(listing.Path), string.IsNullOrWhiteSpace(person.Bio) ? null : person.Bio),
                ],
            };
        }
        return View("Listing", new ListingPage(listing, pageMeta));
    }
}
