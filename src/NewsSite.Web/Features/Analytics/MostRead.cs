using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Analytics;

public sealed record MostReadStory(int Id, string Title, string Url, string SectionName);

/// <summary>
/// "Most read in the last 24 hours": stories ranked by their counted views. The ranking is read at most once per
/// Analytics:MostReadMinutes on each node. The list as shown (the ranked stories still visible, with their titles) is
/// kept as long, or until content changes: a story taken down or retitled leaves the block with the next page built,
/// and a page built without the output cache no longer reads the stories' cards for it (8 % of an uncached
/// article's time). Every reader gets the same list, so pages that carry it stay cacheable; a cached page's list is
/// as old as the page.
/// </summary>
public sealed class MostReadReader(NewsDbContext db, IMemoryCache memo, ContentCache memos, CardMemo cardMemo, TimeProvider clock, IOptions<AnalyticsOptions> options)
{
    private const string RankingKey = "analytics:most-read";
    private const string ListKey = "analytics:most-read:shown";

    public Task<IReadOnlyList<MostReadStory>> ReadAsync(CancellationToken cancellationToken) =>
        memos.GetOrLoadAsync(ListKey, () => ShownAsync(cancellationToken), TimeSpan.FromMinutes(options.Value.MostReadMinutes));

    private async Task<IReadOnlyList<MostReadStory>> ShownAsync(CancellationToken cancellationToken)
    {
        var count = options.Value.MostReadCount;
        // The ranking outlives content changes (a newsroom saves every minute); only the stories are read again.
        var ranked = await memo.GetOrCreateAsync(RankingKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.MostReadMinutes);
            return await RankAsync(count * 3, cancellationToken);
        }) ?? [];
        if (ranked.Count == 0)
        {
            return [];
        }
        var cards = await cardMemo.VisibleByIdAsync(db, ranked, clock.GetUtcNow().UtcDateTime, cancellationToken);
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
