using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Features.Admin.Sections;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Features.Admin.Tags;

/// <summary>Finding tags: the Tags page (searched and paged, a paper has thousands) and the editor's autocomplete.</summary>
public sealed class TagDirectory(NewsDbContext db, IDatabaseProvider database)
{
    public const int PageSize = 50;
    public const int MaxSuggestions = 10;

    public async Task<Paged<TagRow>> PageAsync(string? query, int page, CancellationToken cancellationToken)
    {
        var tags = db.Tags.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            tags = database.WhereContainsIgnoringCase(tags, query.Trim(), t => t.Name);
        }
        var total = await tags.CountAsync(cancellationToken);
        var rows = await tags.OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip(Paged<TagRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(t => new TagRow(t.Id, t.Name, t.Slug, db.ArticleTags.Count(at => at.TagId == t.Id)))
            .ToListAsync(cancellationToken);
        return new Paged<TagRow>(rows, page, PageSize, total);
    }

    /// <summary>Existing tag names containing <paramref name="query"/>, the most used first, so an editor reuses a tag rather than coining a near-twin.</summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > 100)
        {
            return [];
        }
        return await database.WhereContainsIgnoringCase(db.Tags.AsNoTracking(), query.Trim(), t => t.Name)
            .Select(t => new { t.Name, Uses = db.ArticleTags.Count(at => at.TagId == t.Id) })
            .OrderByDescending(t => t.Uses).ThenBy(t => t.Name)
            .Take(MaxSuggestions)
            .Select(t => t.Name)
            .ToListAsync(cancellationToken);
    }
}
