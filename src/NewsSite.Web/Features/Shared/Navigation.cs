using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Shared;

public sealed record NavSection(string Name, string Slug);

/// <summary>The section list shown in the header and footer of every page.</summary>
public sealed class Navigation(NewsDbContext db, ContentChanges changes)
{
    public async Task<IReadOnlyList<NavSection>> SectionsAsync(CancellationToken cancellationToken) =>
        await changes.GetOrLoadAsync("navigation:sections", async () =>
            (IReadOnlyList<NavSection>)await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
                .Select(s => new NavSection(s.Name, s.Slug)).ToListAsync(cancellationToken));
}
