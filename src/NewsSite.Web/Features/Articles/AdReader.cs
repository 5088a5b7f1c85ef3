using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Features.Articles;

/// <summary>The enabled advertisement HTML for a placement, or null when that placement has none.</summary>
public sealed class AdReader(NewsDbContext db)
{
    public async Task<string?> HtmlForAsync(string placement, CancellationToken cancellationToken) =>
        await db.AdSlots.AsNoTracking()
            .Where(a => a.Placement == placement && a.IsEnabled && a.Html != "")
            .Select(a => a.Html)
            .FirstOrDefaultAsync(cancellationToken);
}
