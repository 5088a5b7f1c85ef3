using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Home;

public sealed record SectionLatest(string Name, string Slug, IReadOnlyList<ArticleCard> Articles);

public sealed record FrontPage(
    ArticleCard? Lead,
    IReadOnlyList<ArticleCard> TopStories,
    IReadOnlyList<SectionLatest> Sections,
    Paged<ArticleCard> MoreNews);

public sealed class FrontPageReader(NewsDbContext db, TimeProvider clock, IOptions<SiteOptions> site, ContentCache contentCache, CardMemo cardMemo, Navigation navigation)
{
    private const int TopStoryCount = 4;
    // Four fill a row of the widest grid and two rows of the two-column one; see .card-grid in site.css.
    private const int PerSection = 4;

    // Initialised by members, not a constructor: EF can only combine queries (UNION ALL) over such projections.
    private sealed class SectionPick
    {
        public int SectionId { get; init; }
        public int ArticleId { get; init; }
        public DateTime? PublishedAt { get; init; }
    }

    private sealed record Pin(int ArticleId, FrontPageSlot Slot);

    // The front page's fixed-shape reads, compiled once (see CardPaging), with VisibleAt written out: a compiled
    // query cannot call it. Editors' pins come first: the pinned lead, then the pinned top stories in their order.
    // A pin past its expiry no longer counts, even before the scheduler removes it.
    private static readonly Func<NewsDbContext, DateTime, IAsyncEnumerable<Pin>> CurrentPins =
        EF.CompileAsyncQuery((NewsDbContext db, DateTime now) => db.FrontPagePins
            .Where(p => (p.ExpiresAt == null || p.ExpiresAt > now)
                && db.Articles.Any(a => a.Id == p.ArticleId && a.Status == ArticleStatus.Published && a.PublishedAt <= now))
            .OrderBy(p => p.Slot).ThenBy(p => p.Position)
            .Select(p => new Pin(p.ArticleId, p.Slot)));

    private static readonly Func<NewsDbContext, DateTime, IAsyncEnumerable<int>> NewestFeaturedIds =
        EF.CompileAsyncQuery((NewsDbContext db, DateTime now) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.IsFeatured)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(TopStoryCount + 1).Select(a => a.Id));

    private static readonly Func<NewsDbContext, DateTime, IAsyncEnumerable<int>> NewestIds =
        EF.CompileAsyncQuery((NewsDbContext db, DateTime now) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(TopStoryCount + 1).Select(a => a.Id));

    // "More news": everything visible but the stories shown above it.
    private static readonly Func<NewsDbContext, DateTime, int[], int, int, IAsyncEnumerable<int>> MoreIds =
        EF.CompileAsyncQuery((NewsDbContext db, DateTime now, int[] shown, int skip, int take) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && !shown.Contains(a.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id));

    /// <summary>
    /// Every list on the front page is first read as ids, from indexes alone, then all their cards in one query:
    /// a page of six lists costs six small queries instead of fourteen card queries.
    /// </summary>
    public async Task<FrontPage> ReadAsync(int page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // The rest of the top is filled from the newest featured stories, then the newest of all.
        var pins = await CurrentPins(db, now).ToListAsync(cancellationToken);
        var featured = await NewestFeaturedIds(db, now).ToListAsync(cancellationToken);
        var latest = await NewestIds(db, now).ToListAsync(cancellationToken);
        var pinnedTop = pins.Where(p => p.Slot == FrontPageSlot.Top).Select(p => p.ArticleId).ToList();
        var automatic = featured.Concat(latest).Except(pinnedTop);
        var lead = pins.Where(p => p.Slot == FrontPageSlot.Lead).Select(p => p.ArticleId).Concat(automatic).Take(1).ToList();
        var topIds = lead.Concat(pinnedTop).Concat(automatic).Distinct().Take(TopStoryCount + 1).ToList();

        var sections = await navigation.SectionsAsync(cancellationToken);
        var picks = await SectionPicksAsync(now, topIds, cancellationToken);

        // "More news" is everything not already shown above it, so no story appears twice on the page.
        int[] shown = [.. topIds, .. picks.Select(p => p.ArticleId)];
        var more = await contentCache.PageIdsAsync("front", page, site.Value.PageSize,
            () => db.Articles.AsNoTracking().VisibleAt(now).Where(a => !shown.Contains(a.Id)).CountAsync(cancellationToken),
            (skip, take) => MoreIds(db, now, shown, skip, take), cancellationToken);

        // Visible cards only: the section lists' ids may come from a memo (below).
        var cards = await cardMemo.VisibleByIdAsync(db, shown.Concat(more.Items).ToHashSet(), now, cancellationToken);
        var top = cards.InOrder(topIds);
        var perSection = sections
            .Select(s => new SectionLatest(s.Name, s.Slug, cards.InOrder(picks.Where(p => p.SectionId == s.Id).Select(p => p.ArticleId))
                .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id).ToList()))
            .Where(s => s.Articles.Count > 0)
            .ToList();
        return new FrontPage(top.FirstOrDefault(), top.Skip(1).ToList(), perSection, more.Select(cards.InOrder(more.Items)));
    }

    // A story can come due with no change (published with a later date, say by an import): a minute at most late.
    private static readonly TimeSpan CandidatesMaxAge = TimeSpan.FromMinutes(1);

    // The newest few of each section not already at the top. Which stories those are changes with content, so the
    // candidates are a memo, emptied by every content change: building the UNION ALL below (EF builds it afresh each
    // time, as its shape follows the sections) was a quarter of what an uncached front page allocated (bench/README.md,
    // "Fewer bytes a cached page"). Each section gives as many candidates as the top can take from it, so the memo
    // serves whatever the top holds.
    private async Task<List<SectionPick>> SectionPicksAsync(DateTime now, List<int> topIds, CancellationToken cancellationToken)
    {
        var candidates = await contentCache.GetOrLoadAsync("front:section-candidates", () => SectionCandidatesAsync(now, cancellationToken), CandidatesMaxAge);
        return candidates.Where(p => !topIds.Contains(p.ArticleId))
            .GroupBy(p => p.SectionId)
            .SelectMany(g => g.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.ArticleId).Take(PerSection))
            .ToList();
    }

    // One UNION ALL of small indexed queries. The top stories are left out afterwards, not in SQL: "NOT IN json_each(…)"
    // inside each branch of the UNION made SQLite build the list again for every row, 320 µs against 20 µs for reading
    // a few more entries of each section's index.
    private async Task<List<SectionPick>> SectionCandidatesAsync(DateTime now, CancellationToken cancellationToken)
    {
        // Read within the memo's load, so a section added by the change that emptied the memo is in it.
        var sections = await navigation.SectionsAsync(cancellationToken);
        IQueryable<SectionPick>? picks = null;
        foreach (var section in sections)
        {
            var sectionId = section.Id;
            var newest = db.Articles.AsNoTracking().VisibleAt(now).Where(a => a.SectionId == sectionId)
                .NewestFirst().Take(PerSection + TopStoryCount + 1).Select(a => new SectionPick { SectionId = a.SectionId, ArticleId = a.Id, PublishedAt = a.PublishedAt });
            picks = picks is null ? newest : picks.Concat(newest);
        }
        return picks is null ? [] : await picks.ToListAsync(cancellationToken);
    }
}
