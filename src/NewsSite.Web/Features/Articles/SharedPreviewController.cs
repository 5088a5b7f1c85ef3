using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.Web.Features.Articles;

/// <summary>
/// A story shown through a preview link to someone without an account, exactly as readers will see it. Deliberately
/// without an output-cache policy (the cache stores only endpoints that name one): the link's row is read on every
/// request, so a revoked or expired link answers 404 at once. Never listed in sitemaps or feeds, never indexed.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SharedPreviewController(PreviewLinks links, ArticleReader reader, ArticlePageBuilder pages) : Controller
{
    [HttpGet("/preview/{token}")]
    public async Task<IActionResult> Show(string token, CancellationToken cancellationToken)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (token.Length > 1000 || await links.ArticleOfAsync(token, cancellationToken) is not { } articleId ||
            await reader.PreviewAsync(articleId, a => a.DeletedAt == null, cancellationToken) is not { } article)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        return View("Show", await pages.BuildAsync(article, cancellationToken, isPreview: true));
    }
}
