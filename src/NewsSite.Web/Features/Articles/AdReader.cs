using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Articles;

/// <summary>The enabled advertisement HTML for a placement, or null when that placement has none.</summary>
public sealed class AdReader(NewsDbContext db, ContentCache contentCache)
{
    public async Task<string?> HtmlForAsync(string placement, CancellationToken cancellationToken)
    {
        var enabled = await contentCache.GetOrLoadAsync("ads:enabled", async () =>
            (await db.AdSlots.AsNoTracking()
                .Where(a => a.IsEnabled && a.Html != "")
                .Select(a => new { a.Placement, a.Html })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.Placement, a => a.Html));
        return enabled.GetValueOrDefault(placement);
    }

    public async Task<bool> IsShownAsync(string placement, CancellationToken cancellationToken) =>
        await HtmlForAsync(placement, cancellationToken) is not null;
}
