using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Sitemaps;

public sealed record SitemapEntry(string Path, DateTime? LastModified);

public sealed record NewsSitemapEntry(string Path, string Title, DateTime PublishedAt);

public sealed class SitemapReader(NewsDbContext db, TimeProvider clock, Navigation navigation)
{
    /// <summary>Articles per sitemap file: well under the protocol's limit of 50,000 URLs and 50 MB.</summary>
    public const int ArticlesPerFile = 10_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> ArticleFileCountAsync(CancellationToken cancellationToken)
    {
        var count = await db.Articles.VisibleAt(Now).CountAsync(cancellationToken);
        return Math.Max(1, (int)Math.Ceiling(count / (double)ArticlesPerFile));
    }

    public async Task<DateTime?> LastChangeAsync(CancellationToken cancellationToken) =>
        await db.Articles.VisibleAt(Now).MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);

    /// <summary>The front page, sections, tags and authors, each dated by its newest story; the paper's published pages.</summary>
    public async Task<IReadOnlyList<SitemapEntry>> PagesAsync(CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().VisibleAt(Now);
        var entries = new List<SitemapEntry> { new(SiteUrls.Home, await LastChangeAsync(cancellationToken)) };
        entries.AddRange(await db.Sections.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new SitemapEntry(SiteUrls.Section(s.Slug), visible.Where(a => a.SectionId == s.Id).Max(a => (DateTime?)a.UpdatedAt)))
            .ToListAsync(cancellationToken));
        entries.AddRange(await db.Authors.AsNoTracking().OrderBy(a => a.Slug)
            .Select(au => new SitemapEntry(SiteUrls.Author(au.Slug), visible.Where(a => a.Authors.Any(x => x.AuthorId == au.Id)).Max(a => (DateTime?)a.UpdatedAt)))
            .ToListAsync(cancellationToken));
        entries.AddRange(await db.Tags.AsNoTracking().OrderBy(t => t.Slug)
            .Select(t => new SitemapEntry(SiteUrls.Tag(t.Slug), visible.Where(a => a.Tags.Any(x => x.TagId == t.Id)).Max(a => (DateTime?)a.UpdatedAt)))
            .ToListAsync(cancellationToken));
        entries.Add(new SitemapEntry(SiteUrls.Corrections, await db.Corrections.AsNoTracking()
            .Where(c => c.Article.Status == ArticleStatus.Published && c.Article.PublishedAt <= Now).MaxAsync(c => (DateTime?)c.At, cancellationToken)));
        entries.AddRange(await db.StaticPages.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Slug)
            .Select(p => new SitemapEntry(SiteUrls.Page(p.Slug), p.UpdatedAt)).ToListAsync(cancellationToken));
        // Lists with no published story yet are left out: search engines should not crawl empty pages.
        return entries.Where(e => e.LastModified is not null || e.Path == SiteUrls.Home).ToList();
    }

    /// <summary>One file's worth of articles, in a stable order (by id) so each URL stays in the same file.</summary>
    public async Task<IReadOnlyList<SitemapEntry>> ArticlesAsync(int file, CancellationToken cancellationToken)
    {
        var sections = await SectionSlugsAsync(cancellationToken);
        var articles = await db.Articles.AsNoTracking().VisibleAt(Now).OrderBy(a => a.Id)
            .Skip((file - 1) * ArticlesPerFile).Take(ArticlesPerFile)
            .Select(a => new { a.SectionId, a.Slug, a.UpdatedAt })
            .ToListAsync(cancellationToken);
        return articles.Select(a => new SitemapEntry(SiteUrls.Article(sections[a.SectionId], a.Slug), a.UpdatedAt)).ToList();
    }

    /// <summary>Google News wants only stories from the last two days.</summary>
    public async Task<IReadOnlyList<NewsSitemapEntry>> RecentNewsAsync(CancellationToken cancellationToken)
    {
        var since = Now.AddHours(-48);
        var sections = await SectionSlugsAsync(cancellationToken);
        var articles = await db.Articles.AsNoTracking().VisibleAt(Now).Where(a => a.PublishedAt >= since).NewestFirst().Take(1000)
            .Select(a => new { a.SectionId, a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return articles.Select(a => new NewsSitemapEntry(SiteUrls.Article(sections[a.SectionId], a.Slug), a.Title, a.PublishedAt)).ToList();
    }

    // Section slugs looked up here rather than joined: joined to thousands of rows from a paged subquery, the database
    // built a throwaway index over those rows on every request.
    private async Task<Dictionary<int, string>> SectionSlugsAsync(CancellationToken cancellationToken) =>
        (await navigation.SectionsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Slug);
}
