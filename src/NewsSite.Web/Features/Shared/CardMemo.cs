using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Shared;

/// <summary>
/// The stories' cards, kept between requests like the other memos (<see cref="ContentCache"/>): emptied by every public
/// change, on every node. Lists are read as ids from indexes, then their cards: reading the cards was the largest
/// statement of an uncached front page and section page (bench/README.md, "Cards kept between requests"), and the same
/// stories' cards are shown again and again (the front page, their sections, related stories). Only visible stories'
/// cards are kept, and nothing but a change can make a visible story invisible, so a kept card is shown as it is.
/// Bounded by count (<see cref="Limit"/>), apart from the other memos: a crawler walking the archive would otherwise
/// keep a card for every story.
/// </summary>
public sealed class CardMemo : IDisposable
{
    /// <summary>About 1 KB each: a few megabytes at most. The front page, a section's first pages and most read are about 200.</summary>
    public const int Limit = 4_000;

    private readonly ContentCache contentCache;
    private readonly MemoryCache cards;

    public CardMemo(ContentCache contentCache) : this(contentCache, Limit)
    {
    }

    /// <summary>With a smaller limit: for the tests.</summary>
    internal CardMemo(ContentCache contentCache, int limit)
    {
        this.contentCache = contentCache;
        cards = new MemoryCache(new MemoryCacheOptions { SizeLimit = limit });
    }

    // Compiled once: a card's projection (its section, first author and live state) is the largest expression the
    // public pages run, and EF would otherwise walk it for parameters and look its plan up on every call. VisibleAt
    // written out: a compiled query cannot call it.
    private static readonly Func<NewsDbContext, int[], DateTime, IAsyncEnumerable<ArticleCard>> VisibleCardsById =
        EF.CompileAsyncQuery((NewsDbContext db, int[] ids, DateTime now) =>
            db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && ids.Contains(a.Id))
                .Select(PublicArticleQueries.CardProjection));

    /// <summary>
    /// The cards of those of <paramref name="ids"/> that are visible at <paramref name="now"/>, by id: the kept ones, and
    /// the rest read in one query. A story gone since its id was read is simply missing (see <see cref="CardPaging.InOrder"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ArticleCard>> VisibleByIdAsync(NewsDbContext db, IReadOnlyCollection<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        var found = new Dictionary<int, ArticleCard>(ids.Count);
        List<int>? missing = null;
        foreach (var id in ids)
        {
            if (cards.TryGetValue(id, out ArticleCard? card))
            {
                found[id] = card!;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }
        if (missing is null)
        {
            return found;
        }

        // Taken before reading, as ContentCache does: a change committed meanwhile drops what this read at once.
        var unchanged = contentCache.ChangeToken();
        await foreach (var card in VisibleCardsById(db, [.. missing], now).WithCancellation(cancellationToken))
        {
            found[card.Id] = card;
            // Past the limit MemoryCache refuses the card and compacts, dropping the least recently read.
            cards.Set(card.Id, card, new MemoryCacheEntryOptions { Size = 1 }.AddExpirationToken(unchanged));
        }
        return found;
    }

    /// <summary>One page of a list's cards: its ids (see <see cref="CardPaging.PageIdsAsync"/>), then their cards.</summary>
    public async Task<Paged<ArticleCard>> PageAsync(NewsDbContext db, string list, int page, int pageSize, DateTime now,
        Func<Task<int>> count, Func<int, int, IAsyncEnumerable<int>> pageOfIds, CancellationToken cancellationToken)
    {
        var ids = await contentCache.PageIdsAsync(list, page, pageSize, count, pageOfIds, cancellationToken);
        var found = await VisibleByIdAsync(db, ids.Items, now, cancellationToken);
        return ids.Select(found.InOrder(ids.Items));
    }

    /// <summary>How many cards are kept: for the tests.</summary>
    internal int Count => cards.Count;

    public void Dispose() => cards.Dispose();
}
