using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Articles;

public sealed record NamedLink(string Name, string Slug);

/// <summary>A story's author as its page shows them: the byline (with a small photo) and the JSON-LD Person.</summary>
public sealed record Byline(string Name, string Slug, string? PhotoUrl, string? JobTitle, string? XHandle, string? ProfileLinks);

public sealed record HeroImage(string Url, string Alt, string? Caption, string? Credit, int? Width, int? Height, string? Srcset);

/// <summary>What the story says about itself: its type of work, who paid for it, where and how it was reported, and the Updated time an editor chose to show.</summary>
public sealed record ArticleLabels(WorkType WorkType, string? SponsorName, string? Dateline, string? Backstory, DateTime? ShownUpdatedAt, string? UpdateReason);

public sealed record ArticleView(
    int Id,
    string Title,
    string Slug,
    string Standfirst,
    string SectionName,
    string SectionSlug,
    int SectionId,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    HeroImage? Hero,
    string BodyHtml,
    int ReadingTimeMinutes,
    bool NoAds,
    IReadOnlyList<Byline> Authors,
    IReadOnlyList<NamedLink> Tags,
    ArticleLabels Labels)
{
    public string Url => SiteUrls.Article(SectionSlug, Slug);

    /// <summary>Where the body's paragraphs end, for the inline ad (AdPlacement); null for a body saved before they were kept.</summary>
    public string? ParagraphEnds { get; init; }

    /// <summary>Whether the story has corrections: most have none, and their page then reads none (one statement fewer).</summary>
    public bool HasCorrections { get; init; }

    /// <summary>
    /// When the story last changed in a way that matters: once an editor has shown readers an Updated time, that is
    /// what search engines are told too (a typo fixed since is no news); before that, the last save.
    /// </summary>
    public DateTime ModifiedAt => Labels.ShownUpdatedAt ?? UpdatedAt;
}

/// <summary>
/// Where a reader goes next. With no story sharing a tag, <see cref="MoreInSection"/> and <see cref="Latest"/> take the
/// related stories' place, so an article never ends in a dead end (both are empty when there are related stories).
/// </summary>
public sealed record ArticleNeighbours(IReadOnlyList<ArticleCard> Related, ArticleCard? Previous, ArticleCard? Next)
{
    public IReadOnlyList<ArticleCard> MoreInSection { get; init; } = [];
    public IReadOnlyList<ArticleCard> Latest { get; init; } = [];
}

/// <summary>Where a slug leads: to an article, or to the current address of one that was renamed.</summary>
public sealed record ArticleLookup(ArticleView? Article, string? RedirectTo);

public sealed class ArticleReader(NewsDbContext db, TimeProvider clock, CardMemo cardMemo)
{
    private const int RelatedCount = 4;
    private const int RelatedCandidates = 12; // a few spare, in case some are unpublished or not yet due
    private const int RecentPerTag = 100;

    private static readonly Expression<Func<Article, ArticleView>> Projection = a => new ArticleView(
        a.Id,
        a.Title,
        a.Slug,
        a.Standfirst,
        a.Section.Name,
        a.Section.Slug,
        a.SectionId,
        a.PublishedAt ?? a.UpdatedAt,
        a.UpdatedAt,
        a.HeroImageUrl == null ? null : new HeroImage(a.HeroImageUrl, a.HeroImageAlt ?? "", a.HeroImageCaption, a.HeroImageCredit, a.HeroImageWidth, a.HeroImageHeight,
            a.HeroMedia == null ? null : MediaUrls.Srcset(a.HeroMedia.StoragePath, a.HeroMedia.VariantWidths, a.HeroMedia.Width)),
        a.BodyHtml,
        a.ReadingTimeMinutes,
        a.NoAds,
        a.Authors.OrderBy(x => x.Position).Select(x => new Byline(x.Author.Name, x.Author.Slug,
            x.Author.PhotoMedia == null ? x.Author.PhotoUrl : MediaUrls.Smallest(x.Author.PhotoMedia.StoragePath, x.Author.PhotoMedia.VariantWidths),
            x.Author.JobTitle, x.Author.XHandle, x.Author.ProfileLinks)).ToList(),
        a.Tags.OrderBy(t => t.Position).ThenBy(t => t.Tag.Name).Select(t => new NamedLink(t.Tag.Name, t.Tag.Slug)).ToList(),
        new ArticleLabels(a.WorkType, a.SponsorName, a.Dateline, a.Backstory, a.ShownUpdatedAt, a.UpdateReason))
    {
        ParagraphEnds = a.ParagraphEnds,
        HasCorrections = a.Corrections.Any(),
    };

    // The site's hottest read, compiled once: otherwise EF walks the query's expression tree for its parameters and
    // looks its plan up in the query cache each time (that per-query work was about a tenth of an uncached article's
    // time across its statements; bench/README.md).
    private static readonly Func<NewsDbContext, string, DateTime, CancellationToken, Task<ArticleView?>> FindVisible =
        EF.CompileAsyncQuery((NewsDbContext db, string slug, DateTime now, CancellationToken cancellationToken) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.Slug == slug)
                .Select(Projection).AsSplitQuery().FirstOrDefault());

    public async Task<ArticleLookup> FindAsync(string slug, CancellationToken cancellationToken)
    {
        slug = slug.ToLowerInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await FindVisible(db, slug, now, cancellationToken);
        if (article is not null)
        {
            return new ArticleLookup(article, null);
        }

        var renamed = await db.ArticleSlugHistory.AsNoTracking()
            .Where(h => h.Slug == slug)
            .Select(h => h.Article)
            .VisibleAt(now)
            .Select(a => SiteUrls.Article(a.Section.Slug, a.Slug))
            .FirstOrDefaultAsync(cancellationToken);
        return new ArticleLookup(null, renamed);
    }

    /// <summary>Any article, whatever its state, as it would look published: for the newsroom's preview.</summary>
    /// <summary>Any story, in any state, that the newsroom rule <paramref name="readable"/> lets the person see.</summary>
    public async Task<ArticleView?> PreviewAsync(int id, Expression<Func<Article, bool>> readable, CancellationToken cancellationToken) =>
        await Project(db.Articles.AsNoTracking().Where(readable).Where(a => a.Id == id)).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);

    // The article page's other fixed-shape read, compiled once like FindVisible (its filters are VisibleAt written out:
    // a compiled query cannot call it): previous and next in one statement, each from the section's date index alone.
    // The previous story's bound is one upper bound, not "published by now" and "before this story": given two, SQLite
    // walks the section's index down from now to this story, which for a story from last year is thousands of entries
    // (80 µs of a 1 ms page). The bound is the earlier of the two, so a preview of a story scheduled for tomorrow shows
    // nothing not yet out. The section's own row is only there to give the two subqueries one row to sit in.
    private static readonly Func<NewsDbContext, int, int, DateTime, DateTime, DateTime, CancellationToken, Task<SectionNeighbourIds?>> InSection =
        EF.CompileAsyncQuery((NewsDbContext db, int id, int sectionId, DateTime before, DateTime publishedAt, DateTime now, CancellationToken cancellationToken) =>
            db.Sections.Where(s => s.Id == sectionId).Select(s => new SectionNeighbourIds(
                db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Id != id && a.SectionId == sectionId && a.PublishedAt < before)
                    .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault(),
                db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.Id != id && a.SectionId == sectionId && a.PublishedAt > publishedAt)
                    .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault()))
            .FirstOrDefault());

    private sealed record SectionNeighbourIds(int? PreviousId, int? NextId);

    // Most tags in common first, then newest, among the latest stories of each of its tags: a related story from ten
    // years ago is rarely what a reader wants, and counting every story of a popular tag (thousands on a large paper)
    // would cost milliseconds on every page. Each tag's cut-off is found in its index entries (ids grow as stories
    // are written), then only the entries above it are read: a few hundred ids, sent as one list in one row and
    // counted here (RankRelated). SQLite's GROUP BY and ORDER BY over those rows, each through a temporary B-tree,
    // were most of the statement (329 µs, against 93 as one list) and about a fifth of an uncached article's CPU;
    // the same ids as rows cost as much again in reading them one by one (bench/README.md, "Related stories counted
    // from one list"). The story's own id is the group: one group, so the engine gathers the list as the index gives
    // the rows, with nothing to sort (QueryPlanTests fails on a temporary B-tree here). Compiled:
    // built, keyed and looked up by EF on every uncached article, it was a tenth of the page's time.
    private static readonly Func<NewsDbContext, int, CancellationToken, Task<string?>> RecentSharingTags =
        EF.CompileAsyncQuery((NewsDbContext db, int id, CancellationToken cancellationToken) => (
                from mine in db.ArticleTags
                where mine.ArticleId == id
                let cutoff = db.ArticleTags.Where(t => t.TagId == mine.TagId)
                    .OrderByDescending(t => t.ArticleId).Skip(RecentPerTag - 1).Select(t => (int?)t.ArticleId).FirstOrDefault() ?? 0
                join other in db.ArticleTags on mine.TagId equals other.TagId
                where other.ArticleId != id && other.ArticleId >= cutoff
                group other.ArticleId by mine.ArticleId into sharing
                select string.Join(",", sharing.Select(otherId => otherId.ToString())))
            .FirstOrDefault());

    /// <summary>
    /// The ids in a comma-separated list, each as often as it shares a tag, ranked most shared first, then newest
    /// (ids grow as stories are written): the first <paramref name="count"/>, each with how many tags it shares.
    /// </summary>
    internal static List<(int Id, int Shared)> RankRelated(string? ids, int count)
    {
        var shared = new Dictionary<int, int>();
        var list = (ids ?? "").AsSpan();
        foreach (var range in list.Split(','))
        {
            if (int.TryParse(list[range], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                shared[id] = shared.GetValueOrDefault(id) + 1;
            }
        }
        return shared.Select(pair => (Id: pair.Key, Shared: pair.Value))
            .OrderByDescending(c => c.Shared).ThenByDescending(c => c.Id).Take(count).ToList();
    }

    public async Task<ArticleNeighbours> NeighboursAsync(ArticleView article, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = RankRelated(await RecentSharingTags(db, article.Id, cancellationToken), RelatedCandidates);
        var previousBefore = article.PublishedAt <= now ? article.PublishedAt : now.AddTicks(1);
        var sectionIds = await InSection(db, article.Id, article.SectionId, previousBefore, article.PublishedAt, now, cancellationToken);
        var (previousId, nextId) = (sectionIds?.PreviousId, sectionIds?.NextId);

        var shared = candidates.ToDictionary(c => c.Id, c => c.Shared);
        int?[] neighbourIds = [previousId, nextId];
        // Nothing shares a tag: the newest of its section and of the paper instead (two index reads, only then).
        List<int> moreIds = [], latestIds = [];
        if (shared.Count == 0)
        {
            var visible = db.Articles.AsNoTracking().VisibleAt(now).Where(a => a.Id != article.Id);
            var inSection = visible.Where(a => a.SectionId == article.SectionId);
            var skip = neighbourIds.OfType<int>().ToList();
            moreIds = await inSection.Where(a => !skip.Contains(a.Id)).NewestFirst().Select(a => a.Id).Take(RelatedCount).ToListAsync(cancellationToken);
            skip.AddRange(moreIds);
            latestIds = await visible.Where(a => a.SectionId != article.SectionId && !skip.Contains(a.Id)).NewestFirst().Select(a => a.Id).Take(RelatedCount).ToListAsync(cancellationToken);
        }
        var cardIds = shared.Keys.Concat(neighbourIds.OfType<int>()).Concat(moreIds).Concat(latestIds).Distinct().ToArray();
        var cards = await cardMemo.VisibleByIdAsync(db, cardIds, now, cancellationToken);
        var related = cards.InOrder(shared.Keys)
            .OrderByDescending(c => shared[c.Id]).ThenByDescending(c => c.PublishedAt)
            .Take(RelatedCount).ToList();
        var previous = previousId is { } p ? cards.GetValueOrDefault(p) : null;
        var next = nextId is { } n ? cards.GetValueOrDefault(n) : null;

        return new ArticleNeighbours(related, previous, next) { MoreInSection = cards.InOrder(moreIds).ToList(), Latest = cards.InOrder(latestIds).ToList() };
    }

    private static IQueryable<ArticleView> Project(IQueryable<Article> articles) => articles.Select(Projection);
}
