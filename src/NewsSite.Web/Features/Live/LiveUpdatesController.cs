using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Live;

/// <summary>
/// The newest entries of a live story as an HTML fragment, polled by readers' pages (wwwroot/js/live.js). One cached
/// answer per story for a few seconds, evicted with every content change like the pages, so it costs the database
/// nothing per reader and needs no state on any node.
/// </summary>
[OutputCache(PolicyName = LiveSetup.UpdatesPolicy)]
public sealed class LiveUpdatesController(LiveReader reader, IOptions<LiveOptions> options) : Controller
{
    [HttpGet("/live/{id:int}/updates")]
    public async Task<IActionResult> Latest(int id, CancellationToken cancellationToken)
    {
        if (await reader.LatestAsync(id, cancellationToken) is not { } coverage)
        {
            return NotFound();
        }
        HttpContext.TagCachedPage(CacheTags.Article(id));
        Response.Headers.CacheControl = $"public, max-age={options.Value.UpdatesCacheSeconds}";
        return PartialView("_LiveUpdates", coverage);
    }
}
