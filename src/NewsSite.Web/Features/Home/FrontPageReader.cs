using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
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

public sealed class FrontPageReader(NewsDbContext db, TimeProvider clock, IOptions<SiteOptions> site, ContentCache contentCache, Navigation navigation)
{
    private const int TopStoryCount = 4;
    private const int PerSection = 3;

    // Initialised by members, not a constructor: EF can only combine queries (UNION ALL) over such projections.
    private sealed class SectionPick
    {
        public int SectionId { get; init; }
        public int ArticleId { get; init; }
    }

    /// <summary>
    /// Every list on the front page is first read as ids, from indexes alone, then all their cards in one query:
    /// a page of six lists costs five small queries instead of fourteen card queries.
    /// </summary>
    public async Task<FrontPage> ReadAsync(int page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = db.Articles.AsNoTracking().VisibleAt(now);

        // The lead is the newest featured story; top stories are the next featured ones, topped up with the newest.
        var featured = await visible.Where(a => a.IsFeatured).NewestFirst().Take(TopStoryCount + 1).Select(a => a.Id).ToListAsync(cancellationToken);
        var latest = await visible.NewestFirst().Take(TopStoryCount + 1).Select(a => a.Id).ToListAsync(cancellationToken);
        var topIds = featured.Concat(latest).Distinct().Take(TopStoryCount + 1).ToList();

        var sections = await navigation.SectionsAsync(cancellationToken);
        var picks = await SectionPicksAsync(visible, sections, topIds, cancellationToken);

        var more = await visible.Where(a => !topIds.Contains(a.Id)).PageIdsAsync(contentCache, "front", page, site.Value.PageSize, cancellationToken);

        var cards = await db.Articles.AsNoTracking().CardsByIdAsync(
            topIds.Concat(picks.Select(p => p.ArticleId)).Concat(more.Items).ToHashSet(), cancellationToken);
        var top = cards.InOrder(topIds);
        var perSection = sections
            .Select(s => new SectionLatest(s.Name, s.Slug, cards.InOrder(picks.Where(p => p.SectionId == s.Id).Select(p => p.ArticleId))
                .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id).ToList()))
            .Where(s => s.Articles.Count > 0)
            .ToList();
        return new FrontPage(top.FirstOrDefault(), top.Skip(1).ToList(), perSection, more.Select(cards.InOrder(more.Items)));
    }

    // The newest few of each section not already at the top, as one UNION ALL of small indexed queries.
    private static async Task<List<SectionPick>> SectionPicksAsync(IQueryable<Data.Entities.Article> visible, IReadOnlyList<NavSection> sections, List<int> topIds, CancellationToken cancellationToken)
    {
        IQueryable<SectionPick>? picks = null;
        foreach (var section in sections)
        {
            var sectionId = section.Id;
            var newest = visible.Where(a => a.SectionId == sectionId && !topIds.Contains(a.Id))
                .NewestFirst().Take(PerSection).Select(a => new SectionPick { SectionId = a.SectionId, ArticleId = a.Id });
            picks = picks is null ? newest : picks.Concat(newest);
        }
        return picks is null ? [] : await picks.ToListAsync(cancellationToken);
    }
}
