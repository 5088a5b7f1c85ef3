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

public sealed class FrontPageReader(NewsDbContext db, TimeProvider clock, IOptions<SiteOptions> site, ContentChanges changes)
{
    private const int TopStoryCount = 4;
    private const int PerSection = 3;

    public async Task<FrontPage> ReadAsync(int page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = db.Articles.AsNoTracking().VisibleAt(now);

        // The lead is the newest featured story; top stories are the next featured ones, topped up with the newest.
        var featured = await visible.Where(a => a.IsFeatured).NewestFirst().Take(TopStoryCount + 1).ToCards().ToListAsync(cancellationToken);
        var latest = await visible.NewestFirst().Take(TopStoryCount + 1).ToCards().ToListAsync(cancellationToken);
        var top = featured.Concat(latest).DistinctBy(c => c.Id).Take(TopStoryCount + 1).ToList();
        var lead = top.FirstOrDefault();
        var topStories = top.Skip(1).ToList();
        var shownIds = top.Select(c => c.Id).ToHashSet();

        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new { s.Id, s.Name, s.Slug }).ToListAsync(cancellationToken);
        var perSection = new List<SectionLatest>(sections.Count);
        foreach (var section in sections)
        {
            // One small indexed query per section (six or so): simpler and faster on SQLite than a windowed query.
            var cards = await visible.Where(a => a.SectionId == section.Id && !shownIds.Contains(a.Id))
                .NewestFirst().Take(PerSection).ToCards().ToListAsync(cancellationToken);
            if (cards.Count > 0)
            {
                perSection.Add(new SectionLatest(section.Name, section.Slug, cards));
            }
        }

        var more = await visible.Where(a => !shownIds.Contains(a.Id)).PageAsync(db.Articles.AsNoTracking(), changes, "front", page, site.Value.PageSize, cancellationToken);
        return new FrontPage(lead, topStories, perSection, more);
    }
}
