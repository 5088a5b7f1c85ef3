using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Shared;

public static class CardPaging
{
    // Compiled once: a card's projection (its section, first author and live state) is the largest expression the
    // public pages run, and EF would otherwise walk it for parameters and look its plan up on every call.
    private static readonly Func<NewsDbContext, int[], IAsyncEnumerable<ArticleCard>> CardsById =
        EF.CompileAsyncQuery((NewsDbContext db, int[] ids) =>
            db.Articles.Where(a => ids.Contains(a.Id)).Select(PublicArticleQueries.CardProjection));

    // VisibleAt written out: a compiled query cannot call it.
    private static readonly Func<NewsDbContext, int[], DateTime, IAsyncEnumerable<ArticleCard>> VisibleCardsById =
        EF.CompileAsyncQuery((NewsDbContext db, int[] ids, DateTime now) =>
            db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && ids.Contains(a.Id))
                .Select(PublicArticleQueries.CardProjection));

    /// <summary>
    /// The cards for these ids, read in one query. Pages that show cards from several lists gather every list's
    /// ids first (from indexes alone) and read all their cards at once: each query costs a statement and EF's
    /// per-query work whatever it returns. For ids just read from a list of visible stories.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ArticleCard>> CardsByIdAsync(this NewsDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? new Dictionary<int, ArticleCard>() : await CardsById(db, [.. ids]).ToDictionaryAsync(c => c.Id, cancellationToken: cancellationToken);

    /// <summary>The same, leaving out any story not visible at <paramref name="now"/>: for ids kept from earlier.</summary>
    public static async Task<IReadOnlyDictionary<int, ArticleCard>> VisibleCardsByIdAsync(this NewsDbContext db, IReadOnlyCollection<int> ids, DateTime now, CancellationToken cancellationToken) =>
        ids.Count == 0 ? new Dictionary<int, ArticleCard>() : await VisibleCardsById(db, [.. ids], now).ToDictionaryAsync(c => c.Id, cancellationToken: cancellationToken);

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

    /// <summary>One page of a list's cards: its ids (see <see cref="PageIdsAsync"/>), then their cards.</summary>
    public static async Task<Paged<ArticleCard>> PageAsync(this NewsDbContext db, ContentCache contentCache, string list, int page, int pageSize,
        Func<Task<int>> count, Func<int, int, IAsyncEnumerable<int>> pageOfIds, CancellationToken cancellationToken)
    {
        var ids = await contentCache.PageIdsAsync(list, page, pageSize, count, pageOfIds, cancellationToken);
        var cards = await db.CardsByIdAsync(ids.Items, cancellationToken);
        return ids.Select(cards.InOrder(ids.Items));
    }
}
