using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Listings;

/// <summary>An author as their page shows them; the photo's srcset when it came from the media library.</summary>
public sealed record AuthorProfile(string Name, string Bio, string? PhotoUrl)
{
    public string? PhotoSrcset { get; init; }
    public string? JobTitle { get; init; }
    public IReadOnlyList<string> Expertise { get; init; } = [];
    public string? ContactEmail { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public string? XHandle { get; init; }

    /// <summary>schema.org sameAs: the links and the X profile.</summary>
    public IReadOnlyList<string> SameAs => ProfileLinks.SameAs(string.Join('\n', Links), XHandle);
}

/// <summary>A paginated list of stories under a heading: a section, a tag, an author or a month.</summary>
public sealed record Listing(
    string Heading,
    string Description,
    string Path,
    Paged<ArticleCard> Articles,
    AuthorProfile? Author = null,
    string? FeedPath = null)
{
    /// <summary>The cache tag of this list: what a story joining or leaving it evicts (CacheTags).</summary>
    public required string CacheTag { get; init; }
}

public sealed class ListingReader(NewsDbContext db, TimeProvider clock, IOptions<SiteOptions> site, ContentCache contentCache, CardMemo cardMemo, Navigation navigation)
{
    private IQueryable<Article> Visible => VisibleAt(Now);

    private IQueryable<Article> VisibleAt(DateTime now) => db.Articles.AsNoTracking().VisibleAt(now);

    // Each kind of list's page of ids, compiled (see CardPaging.PageIdsAsync), with VisibleAt and NewestFirst written
    // out: a compiled query cannot call them. The same filters as the lists' counts below, which run once per change.
    private static readonly Func<NewsDbContext, int, DateTime, int, int, IAsyncEnumerable<int>> SectionPage =
        EF.CompileAsyncQuery((NewsDbContext db, int sectionId, DateTime now, int skip, int take) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.SectionId == sectionId)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id));

    private static readonly Func<NewsDbContext, int, DateTime, int, int, IAsyncEnumerable<int>> TagPage =
        EF.CompileAsyncQuery((NewsDbContext db, int tagId, DateTime now, int skip, int take) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.Tags.Any(t => t.TagId == tagId))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id));

    private static readonly Func<NewsDbContext, int, DateTime, int, int, IAsyncEnumerable<int>> AuthorPage =
        EF.CompileAsyncQuery((NewsDbContext db, int authorId, DateTime now, int skip, int take) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.Authors.Any(x => x.AuthorId == authorId))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id));

    private static readonly Func<NewsDbContext, DateTime, DateTime, DateTime, int, int, IAsyncEnumerable<int>> ArchivePage =
        EF.CompileAsyncQuery((NewsDbContext db, DateTime from, DateTime to, DateTime now, int skip, int take) => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.PublishedAt >= from && a.PublishedAt < to)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id));

    public async Task<Listing?> SectionAsync(string slug, int page, CancellationToken cancellationToken)
    {
        // From the menu's sections, kept in memory until content changes: no query of its own.
        var section = (await navigation.SectionsAsync(cancellationToken)).FirstOrDefault(s => s.Slug == slug);
        if (section is null)
        {
            return null;
        }
        var list = CacheTags.Section(section.Id);
        var now = Now;
        var articles = await PageAsync(list, page, () => VisibleAt(now).Where(a => a.SectionId == section.Id).CountAsync(cancellationToken),
            (skip, take) => SectionPage(db, section.Id, now, skip, take), cancellationToken);
        return new Listing(section.Name, section.Description, SiteUrls.Section(slug), articles, FeedPath: SiteUrls.Section(slug)) { CacheTag = list };
    }

    public async Task<Listing?> TagAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        var list = CacheTags.Tag(tag.Id);
        var now = Now;
        var articles = await PageAsync(list, page, () => VisibleAt(now).Where(a => a.Tags.Any(t => t.TagId == tag.Id)).CountAsync(cancellationToken),
            (skip, take) => TagPage(db, tag.Id, now, skip, take), cancellationToken);
        // A tag only drafts carry is not public yet: its page would confirm an embargoed topic to anyone guessing
        // slugs. The count comes from the cached list length, so this costs no extra query.
        if (articles.TotalCount == 0)
        {
            return null;
        }
        var path = SiteUrls.Tag(slug);
        return new Listing(tag.Name, $"Stories tagged {tag.Name}.", path, articles, FeedPath: path) { CacheTag = list };
    }

    public async Task<Listing?> AuthorAsync(string slug, int page, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Id, a.Name, a.Bio, a.PhotoUrl, a.JobTitle, a.Expertise, a.ContactEmail, a.ProfileLinks, a.XHandle,
                Photo = a.PhotoMedia == null ? null : new { a.PhotoMedia.StoragePath, a.PhotoMedia.VariantWidths, a.PhotoMedia.Width },
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return null;
        }
        var list = CacheTags.Author(author.Id);
        var now = Now;
        var articles = await PageAsync(list, page, () => VisibleAt(now).Where(a => a.Authors.Any(x => x.AuthorId == author.Id)).CountAsync(cancellationToken),
            (skip, take) => AuthorPage(db, author.Id, now, skip, take), cancellationToken);
        var description = string.IsNullOrWhiteSpace(author.Bio) ? $"Stories by {author.Name}." : author.Bio;
        return new Listing(author.Name, description, SiteUrls.Author(slug), articles, new AuthorProfile(author.Name, author.Bio, author.PhotoUrl)
        {
            PhotoSrcset = author.Photo is { } photo ? MediaUrls.Srcset(photo.StoragePath, photo.VariantWidths, photo.Width) : null,
            JobTitle = author.JobTitle,
            Expertise = ProfileLinks.Expertise(author.Expertise),
            ContactEmail = author.ContactEmail,
            Links = ProfileLinks.Parse(author.ProfileLinks),
            XHandle = ProfileLinks.NormalizeHandle(author.XHandle) is { } handle && ProfileLinks.IsValidHandle(handle) ? handle : null,
        }) { CacheTag = list };
    }

    /// <summary>The current address of a renamed or merged section, or null.</summary>
    public async Task<string?> RenamedSectionAsync(string slug, CancellationToken cancellationToken) =>
        await db.SectionSlugHistory.Where(h => h.Slug == slug).Select(h => SiteUrls.Section(h.Section.Slug)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The current address of a renamed or merged tag, or null; never that of a tag no visible story carries.</summary>
    public async Task<string?> RenamedTagAsync(string slug, CancellationToken cancellationToken) =>
        await db.TagSlugHistory.Where(h => h.Slug == slug && Visible.Any(a => a.Tags.Any(t => t.TagId == h.TagId)))
            .Select(h => SiteUrls.Tag(h.Tag.Slug)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A year, or a month of a year; null for a date the paper cannot have.</summary>
    public async Task<Listing?> ArchiveAsync(int year, int? month, int page, CancellationToken cancellationToken)
    {
        if (year is < 1900 or > 9998 || month is < 1 or > 12)
        {
            return null;
        }
        var from = new DateTime(year, month ?? 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = month is null ? from.AddYears(1) : from.AddMonths(1);
        var list = CacheTags.Archive(year, month);
        var now = Now;
        var articles = await PageAsync(list, page, () => VisibleAt(now).Where(a => a.PublishedAt >= from && a.PublishedAt < to).CountAsync(cancellationToken),
            (skip, take) => ArchivePage(db, from, to, now, skip, take), cancellationToken);
        var heading = month is null
            ? $"Archive: {year}"
            : $"Archive: {from.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
        var path = SiteUrls.ArchiveOf(year, month);
        return new Listing(heading, $"Stories published in {heading[9..]}.", path, articles) { CacheTag = list };
    }

    /// <summary>Every month with stories and how many: a pass over the whole date index, so kept until content changes.</summary>
    public async Task<IReadOnlyList<ArchiveMonth>> ArchiveMonthsAsync(CancellationToken cancellationToken) =>
        await contentCache.GetOrLoadAsync("archive:months", async () =>
        {
            // EF translates Year and Month into the engine's date functions, so the grouping happens in the database.
            var dates = await Visible.Select(a => a.PublishedAt!.Value)
                .GroupBy(d => new { d.Year, d.Month })
                .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.Count()))
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<ArchiveMonth>)dates.OrderByDescending(m => m.Year).ThenByDescending(m => m.Month).ToList();
        });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<Paged<ArticleCard>> PageAsync(string list, int page, Func<Task<int>> count, Func<int, int, IAsyncEnumerable<int>> pageOfIds, CancellationToken cancellationToken) =>
        cardMemo.PageAsync(db, list, page, site.Value.PageSize, Now, count, pageOfIds, cancellationToken);
}

public sealed record ArchiveMonth(int Year, int Month, int Count)
{
    public string Name => new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
