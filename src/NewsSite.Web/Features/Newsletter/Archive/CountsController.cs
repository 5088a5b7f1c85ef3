using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;

namespace NewsSite.Web.Features.Newsletter.Archive;

/// <summary>
/// First-party counts for an issue, only where the paper turned them on: a click on a link (one number per link, no
/// record of who) and, separately, opens by a 1x1 image. Never cached: each request is a count.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CountsController(NewsDbContext db, IOptions<NewsletterOptions> options) : Controller
{
    // The smallest transparent GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    [HttpGet("/newsletters/click/{linkId:int}")]
    public async Task<IActionResult> Click(int linkId, CancellationToken cancellationToken)
    {
        // The address is the one stored when the issue was queued: nothing in the request chooses where it leads.
        var url = await db.NewsletterLinks.AsNoTracking().Where(l => l.Id == linkId).Select(l => l.Url).FirstOrDefaultAsync(cancellationToken);
        if (url is null)
        {
            return NotFound();
        }
        await db.NewsletterLinks.Where(l => l.Id == linkId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Clicks, l => l.Clicks + 1), cancellationToken);
        return Redirect(url);
    }

    [HttpGet("/newsletters/open/{issueId:int}.gif")]
    public async Task<IActionResult> Open(int issueId, CancellationToken cancellationToken)
    {
        if (options.Value.CountOpens)
        {
            await db.NewsletterIssues.Where(i => i.Id == issueId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Opens, i => i.Opens + 1), cancellationToken);
        }
        return File(Pixel, "image/gif");
    }
}
