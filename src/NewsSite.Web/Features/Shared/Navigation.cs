using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Shared;

public sealed record NavSection(int Id, string Name, string Slug, string Description);

/// <summary>
/// The sections in their editors' order: the menu in the header and footer of every page, the front page's blocks,
/// the slugs of article URLs in sitemaps, a section page's heading. Kept in memory until the next content change.
/// </summary>
public sealed class Navigation(NewsDbContext db, ContentCache contentCache)
{
    public async Task<IReadOnlyList<NavSection>> SectionsAsync(CancellationToken cancellationToken) =>
        await contentCache.GetOrLoadAsync("navigation:sections", async () =>
            (IReadOnlyList<NavSection>)await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
                .Select(s => new NavSection(s.Id, s.Name, s.Slug, s.Description)).ToListAsync(cancellationToken));
}
