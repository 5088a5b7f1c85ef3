using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Analytics;

public sealed record MostReadStory(int Id, string Title, string Url, string SectionName);

/// <summary>
/// "Most read in the last 24 hours": stories ranked by their counted views. The ranking is read at most once per
/// Analytics:MostReadMinutes on each node; the stories' visibility is checked each time a page is built, so a story
/// taken down leaves the block with the next page built (its removal evicts cached pages anyway). Every reader gets the
/// same list, so pages that carry it stay cacheable; a cached page's list is as old as the page.
/// </summary>
public sealed class MostReadReader(NewsDbContext db, IMemoryCache memo, TimeProvider clock, IOptions<AnalyticsOptions> options)
{
    private const string MemoKey = "analytics:most-read";

    public async Task<IReadOnlyList<MostReadStory>> ReadAsync(CancellationToken cancellationToken)
    {
        var count = options.Value.MostReadCount;
        var ranked = await memo.GetOrCreateAsync(MemoKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.MostReadMinutes);
            return await RankAsync(count * 3, cancellationToken);
        }) ?? [];
        if (ranked.Count == 0)
        {
            return [];
        }
        var cards = await db.Articles.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime).CardsByIdAsync(ranked, cancellationToken);
        return cards.InOrder(ranked).Take(count).Select(c => new MostReadStory(c.Id, c.Title, c.Url, c.SectionName)).ToList();
    }

    // A range over the (Hour, Path, Source) index: a day's rows, summed per story. A few more than shown, in case some
    // have been unpublished since.
    private async Task<List<int>> RankAsync(int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-23);
        return await db.PageViewCounts.AsNoTracking()
            .Where(c => c.Hour >= since && c.ArticleId != null)
            .GroupBy(c => c.ArticleId!.Value)
            .Select(g => new { Id = g.Key, Views = g.Sum(c => c.Views) })
            .OrderByDescending(g => g.Views).ThenByDescending(g => g.Id)
            .Take(take)
            .Select(g => g.Id)
            .ToListAsync(cancellationToken);
    }
}
