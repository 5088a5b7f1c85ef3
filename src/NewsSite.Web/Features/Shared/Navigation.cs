using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Features.Shared;

public sealed record NavSection(string Name, string Slug);

/// <summary>The section list shown in the header and footer of every page.</summary>
public sealed class Navigation(NewsDbContext db)
{
    public async Task<IReadOnlyList<NavSection>> SectionsAsync(CancellationToken cancellationToken) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new NavSection(s.Name, s.Slug)).ToListAsync(cancellationToken);
}
