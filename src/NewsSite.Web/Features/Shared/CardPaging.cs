using Microsoft.EntityFrameworkCore;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Shared;

public static class CardPaging
{
    /// <summary>In the order of <paramref name="ids"/>, leaving out any that has gone since its id was read.</summary>
    public static List<ArticleCard> InOrder(this IReadOnlyDictionary<int, ArticleCard> cards, IEnumerable<int> ids) =>
        ids.Select(cards.GetValueOrDefault).OfType<ArticleCard>().ToList();

    /// <summary>
    /// One page of a list's ids, newest first, from the index alone: a plain OFFSET over cards would build (and throw
    /// away) every skipped card, reading its row, which for section page 200 is thousands of large rows. The list's
    /// length (for "page 3 of 410") is a pass over its whole index range, 12 ms for the front page of a
    /// 100,000-story paper, so it is counted once per content change, under the name <paramref name="list"/>.
    /// <paramref name="pageOfIds"/> reads the page (skip, take), a compiled query: a list's page is the largest
    /// part of an uncached list page, and EF would otherwise build, key and look its plan up on every request.
    /// A page past the end, or any page of an empty list, reads nothing but its length.
    /// </summary>
    public static async Task<Paged<int>> PageIdsAsync(this ContentCache contentCache, string list, int page, int pageSize,
        Func<Task<int>> count, Func<int, int, IAsyncEnumerable<int>> pageOfIds, CancellationToken cancellationToken)
    {
        var total = await contentCache.GetOrLoadAsync($"count:{list}", count);
        var empty = new Paged<int>([], page, pageSize, total);
        return empty.IsOutOfRange || total == 0
            ? empty
            : empty with { Items = await pageOfIds(Paged<int>.Skip(page, pageSize), pageSize).ToListAsync(cancellationToken) };
    }
}
