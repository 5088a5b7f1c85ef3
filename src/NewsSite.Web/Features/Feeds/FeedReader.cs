using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Feeds;

public sealed record FeedItem(int Id, string Title, string Url, string Summary, DateTime PublishedAt, DateTime UpdatedAt, string SectionName, IReadOnlyList<string> Authors, IReadOnlyList<string> Tags,
    WorkType WorkType = WorkType.News, string? SponsorName = null)
{
    /// <summary>The story's sanitised body, when the feed carries whole stories (<see cref="FeedsOptions.FullText"/>).</summary>
    public string? BodyHtml { get; init; }
    public FeedImage? Image { get; init; }
}

public sealed record FeedImage(string Url, string? Alt, int? Width, int? Height);

public sealed record FeedSource(string Title, string Description, string Path, IReadOnlyList<FeedItem> Items);

public sealed class FeedReader(NewsDbContext db, TimeProvider clock, IOptions<FeedsOptions> options)
{
    private const int ItemCount = 30;

    public async Task<FeedSource> SiteAsync(string siteName, string description, CancellationToken cancellationToken) =>
        new(siteName, description, SiteUrls.Home, await ItemsAsync(a => true, cancellationToken));

    public async Task<FeedSource?> SectionAsync(string siteName, string slug, CancellationToken cancellationToken)
    {
        var section = await db.Sections.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name, s.Description }).FirstOrDefaultAsync(cancellationToken);
        return section is null ? null
            : new FeedSource($"{siteName}: {section.Name}", section.Description, SiteUrls.Section(slug), await ItemsAsync(a => a.SectionId == section.Id, cancellationToken));
    }

    public async Task<FeedSource?> TagAsync(string siteName, string slug, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }
        // Like the tag's page: a tag that only drafts carry has no public feed (see ListingReader.TagAsync).
        var items = await ItemsAsync(a => a.Tags.Any(t => t.TagId == tag.Id), cancellationToken);
        return items.Count == 0 ? null : new FeedSource($"{siteName}: {tag.Name}", $"Stories tagged {tag.Name}.", SiteUrls.Tag(slug), items);
    }

    private async Task<IReadOnlyList<FeedItem>> ItemsAsync(System.Linq.Expressions.Expression<Func<Article, bool>> filter, CancellationToken cancellationToken)
    {
        // The bodies are read only when the feed carries them: thirty of them are most of a feed's bytes.
        var fullText = options.Value.FullText;
        return await db.Articles.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime).Where(filter).NewestFirst().Take(ItemCount)
            .Select(a => new FeedItem(
                a.Id,
                a.Title,
                SiteUrls.Article(a.Section.Slug, a.Slug),
                a.Standfirst,
                a.PublishedAt!.Value,
                a.UpdatedAt,
                a.Section.Name,
                a.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).ToList(),
                a.Tags.Select(t => t.Tag.Name).ToList(),
                a.WorkType,
                a.SponsorName)
            {
                BodyHtml = fullText ? a.BodyHtml : null,
                Image = a.HeroImageUrl == null ? null : new FeedImage(a.HeroImageUrl, a.HeroImageAlt, a.HeroImageWidth, a.HeroImageHeight),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }
}
