using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Pages;

public sealed record StaticPagePage(StaticPageView Page, PageMeta Meta) : IHasPageMeta;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), Analytics.CountedPage]
public sealed partial class PagesController(PublicPages pages, PageMetaFactory meta) : Controller
{
    [HttpGet("/pages/{slug:slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var page = await pages.FindAsync(slug.ToLowerInvariant(), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (!string.Equals(Request.Path.Value, page.Url, StringComparison.Ordinal))
        {
            return RedirectPermanent(page.Url);
        }
        var description = Infrastructure.Content.Text.Excerpt(System.Net.WebUtility.HtmlDecode(HtmlTags().Replace(page.BodyHtml, " ")), 200);
        return View(new StaticPagePage(page, meta.Create(page.Title, description, page.Url)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex HtmlTags();
}
