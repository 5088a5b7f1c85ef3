using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Articles;

/// <summary>
/// Serves an ad placement's code as a document of its own, framed by article pages in a sandbox without
/// allow-same-origin. The code then runs in an opaque origin: it cannot read the site's cookies, call the newsroom as
/// the reader, or touch the page around it, whoever supplied it. The sandbox is also in this response's own policy, so
/// the document is just as powerless when opened directly.
/// </summary>
[OutputCache(PolicyName = CacheTags.PublicPagePolicy)]
public sealed class AdFrameController(AdReader ads) : Controller
{
    public const string Sandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-forms";

    public const string PathPrefix = "/ads";

    // Ad networks load scripts from anywhere, so no script-src here: the sandbox is what contains them. Every
    // response under PathPrefix gets it (SecurityHeaders), 304s and cached answers included.
    public const string Policy = $"sandbox {Sandbox}; frame-ancestors 'self'; object-src 'none'";

    public static string UrlFor(string placement) => $"{PathPrefix}/{placement}";

    [HttpGet(PathPrefix + "/{placement}")]
    public async Task<IActionResult> Show(string placement, CancellationToken cancellationToken)
    {
        if (!AdPlacements.All.Contains(placement) || await ads.HtmlForAsync(placement, cancellationToken) is not { } html)
        {
            return NotFound();
        }
        Response.Headers["X-Robots-Tag"] = "noindex";
        var document = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            // Links open in a new tab: the frame may not navigate the reader's page away.
            .Append("<base target=\"_blank\"><title>Advertisement</title><style>")
            .Append("body{margin:0;font:1rem/1.4 system-ui,sans-serif;color:#1a1a1a}")
            .Append(".house-ad{display:block;color:inherit;text-decoration:none}.house-ad strong{display:block;font-size:1.2rem}")
            .Append("</style></head><body>")
            .Append(html)
            .Append("</body></html>");
        return Content(document.ToString(), "text/html; charset=utf-8");
    }
}
