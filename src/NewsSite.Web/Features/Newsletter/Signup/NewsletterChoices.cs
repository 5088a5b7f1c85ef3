using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Newsletter.Signup;

public sealed record NewsletterChoice(int Id, string Name, string Description, IReadOnlyList<int> SectionIds);

/// <summary>
/// The newsletters a reader may choose, in their order. Read by every page's signup box, so memoised until content
/// changes (a newsletter's change evicts it, see ContentChangeEvictor).
/// </summary>
public sealed class NewsletterChoices(NewsDbContext db, ContentCache cache)
{
    public Task<IReadOnlyList<NewsletterChoice>> ActiveAsync(CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync<IReadOnlyList<NewsletterChoice>>("newsletters:active", async () =>
        {
            var newsletters = await db.Newsletters.AsNoTracking().Where(n => n.IsActive).OrderBy(n => n.Position).ThenBy(n => n.Id)
                .Select(n => new { n.Id, n.Name, n.Description }).ToListAsync(cancellationToken);
            // The pairs read straight through the join table's key (a nested collection made SQLite build a temporary index).
            var sections = (await db.Newsletters.AsNoTracking().Where(n => n.IsActive)
                .SelectMany(n => n.Sections, (n, s) => new { NewsletterId = n.Id, SectionId = s.Id }).ToListAsync(cancellationToken))
                .ToLookup(p => p.NewsletterId, p => p.SectionId);
            return newsletters.Select(n => new NewsletterChoice(n.Id, n.Name, n.Description, sections[n.Id].ToList())).ToList();
        });

    /// <summary>
    /// The newsletter a story's signup box offers: the first whose sections include the story's, else the first of
    /// all. Decided from the section alone, so a cached page offers every reader the same.
    /// </summary>
    public async Task<NewsletterChoice?> ForSectionAsync(int? sectionId, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(cancellationToken);
        return active.FirstOrDefault(n => sectionId is { } id && n.SectionIds.Contains(id)) ?? active.FirstOrDefault();
    }

    /// <summary>The active newsletters among <paramref name="chosen"/>; the first newsletter when none is left.</summary>
    public async Task<IReadOnlyList<NewsletterChoice>> ValidAsync(IEnumerable<int>? chosen, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(cancellationToken);
        var wanted = (chosen ?? []).ToHashSet();
        var valid = active.Where(n => wanted.Contains(n.Id)).ToList();
        if (valid.Count == 0 && active.Count > 0)
        {
            valid.Add(active[0]);
        }
        return valid;
    }
}

/// <summary>What a signup box needs to know about its page: nothing about the reader.</summary>
public sealed record NewsletterBox(string IdPrefix, string? SourcePath = null, int? ArticleId = null, int? SectionId = null);
