using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Breaking;

public sealed record BreakingBanner(int Id, string Text, string? Url, DateTime ExpiresAt);

/// <summary>
/// The banner every public page shows, read once per content change. The memo carries the expiry: a page rendered
/// after it shows nothing even before <see cref="BreakingNewsExpiry"/> has cleared the row.
/// </summary>
public sealed class BreakingNewsReader(NewsDbContext db, ContentCache contentCache, TimeProvider clock)
{
    public async Task<BreakingBanner?> CurrentAsync(CancellationToken cancellationToken)
    {
        var banner = await contentCache.GetOrLoadAsync("breaking-news:current", async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // ExpiresAt is indexed; of the few rows not yet past it, the uncleared one set last is the banner.
            return await db.Set<BreakingNews>().AsNoTracking()
                .Where(b => b.ExpiresAt > now && b.ClearedAt == null)
                .OrderByDescending(b => b.SetAt).ThenByDescending(b => b.Id)
                .Select(b => new BreakingBanner(b.Id, b.Text, b.Url, b.ExpiresAt))
                .FirstOrDefaultAsync(cancellationToken);
        });
        return banner is not null && banner.ExpiresAt > clock.GetUtcNow().UtcDateTime ? banner : null;
    }
}
