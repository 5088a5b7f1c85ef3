using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Home;

public sealed record FrontPageModel(FrontPage Page, PageMeta Meta) : IHasPageMeta;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.FrontPage), Analytics.CountedPage]
public sealed class HomeController(FrontPageReader reader, PageMetaFactory meta, Pages.PublicPages pages) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        if (page < 1)
        {
            return NotFound();
        }
        var frontPage = await reader.ReadAsync(page, cancellationToken);
        if (frontPage.MoreNews.IsOutOfRange)
        {
            return NotFound();
        }

        var site = meta.Site;
        var pageMeta = meta.Create(site.Name, site.Description, SiteUrls.Home, frontPage.MoreNews) with
        {
            ImageUrl = meta.AbsoluteOrNull(frontPage.Lead?.ImageUrl),
            ImageAlt = frontPage.Lead?.ImageAlt,
            RssUrl = meta.Absolute(SiteUrls.RssFeed()),
            AtomUrl = meta.Absolute(SiteUrls.AtomFeed()),
            FeedTitle = site.Name,
            JsonLd =
            [
                StructuredData.WebSite(site.Name, meta.Absolute(SiteUrls.Home), meta.Absolute(SiteUrls.SearchTemplate)),
                StructuredData.NewsMediaOrganization(await pages.PublisherAsync(cancellationToken)),
            ],
        };
        return View(new FrontPageModel(frontPage, pageMeta));
    }
}
