using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Admin.Sections;

public sealed record SectionRow(int Id, string Name, string Slug, string Description, int Position, int ArticleCount);

public sealed record TagRow(int Id, string Name, string Slug, int ArticleCount);

/// <summary>A taxonomy change: done, refused with a message, or about an item that does not exist.</summary>
public sealed record TaxonomyResult(string? Problem = null, bool NotFound = false)
{
    public static readonly TaxonomyResult Done = new();
    public static readonly TaxonomyResult Missing = new(NotFound: true);

    public static implicit operator TaxonomyResult(string problem) => new(problem);
}

/// <summary>Sections and tags: create, rename (old addresses redirect), reorder sections, merge tags.</summary>
public sealed class TaxonomyEditor(NewsDbContext db, AuditTrail audit)
{
    public async Task<IReadOnlyList<SectionRow>> SectionsAsync(CancellationToken cancellationToken) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new SectionRow(s.Id, s.Name, s.Slug, s.Description, s.Position, db.Articles.Count(a => a.SectionId == s.Id && a.DeletedAt == null)))
            .ToListAsync(cancellationToken);

    public async Task<TaxonomyResult> SaveSectionAsync(int? id, string name, string? slug, string? description, CancellationToken cancellationToken)
    {
        var section = id is { } existingId ? await db.Sections.FirstOrDefaultAsync(s => s.Id == existingId, cancellationToken) : null;
        if (id is not null && section is null)
        {
            return TaxonomyResult.Missing;
        }
        name = name.Trim();
        var wanted = string.IsNullOrWhiteSpace(slug) ? Text.Slugify(name) : Text.Slugify(slug);
        if (wanted.Length == 0)
        {
            return "The name has no letters or digits to make an address from; type an address.";
        }
        if (SiteUrls.ReservedSlugs.Contains(wanted))
        {
            return $"“{wanted}” is used by the site itself; choose another address.";
        }
        if (await db.Sections.AnyAsync(s => s.Slug == wanted && s.Id != id, cancellationToken) ||
            await db.SectionSlugHistory.AnyAsync(h => h.Slug == wanted && h.SectionId != id, cancellationToken))
        {
            return "Another section already uses (or used) that address.";
        }

        if (section is not null)
        {
            if (section.Slug != wanted)
            {
                var retired = section;
                await RetireSlugAsync(db.SectionSlugHistory, retired.Slug, wanted, h => h.SectionId == retired.Id,
                    () => new SectionSlugHistory { Slug = retired.Slug, SectionId = retired.Id }, cancellationToken);
            }
        }
        else
        {
            section = new Section { Name = name, Slug = wanted, Position = await db.Sections.MaxAsync(s => (int?)s.Position, cancellationToken) + 1 ?? 0 };
            db.Sections.Add(section);
        }
        section.Name = name;
        section.Slug = wanted;
        section.Description = (description ?? "").Trim();
        audit.Record(id is null ? AuditActions.SectionCreated : AuditActions.SectionEdited, $"section {name}", $"address {SiteUrls.Section(wanted)}");
        await db.SaveChangesAsync(cancellationToken);
        return TaxonomyResult.Done;
    }

    /// <summary>Moves a section one place up (-1) or down (+1) in the navigation.</summary>
    public async Task MoveSectionAsync(int id, int direction, CancellationToken cancellationToken)
    {
        var sections = await db.Sections.OrderBy(s => s.Position).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var index = sections.FindIndex(s => s.Id == id);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= sections.Count)
        {
            return;
        }
        (sections[index], sections[target]) = (sections[target], sections[index]);
        for (var i = 0; i < sections.Count; i++)
        {
            sections[i].Position = i;
        }
        audit.Record(AuditActions.SectionMoved, $"section {sections[target].Name}", $"now position {target + 1} of {sections.Count}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<string?> RenameTagAsync(int id, string name, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            return "That tag no longer exists.";
        }
        var slug = Text.Slugify(name);
        if (slug.Length == 0)
        {
            return "A tag needs letters or digits.";
        }
        if (await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != id, cancellationToken))
        {
            return "Another tag already has that name: merge them instead.";
        }
        if (await db.TagSlugHistory.AnyAsync(h => h.Slug == slug && h.TagId != id, cancellationToken))
        {
            // Its old address redirects to another tag; taking it would break that redirect (and the history is unique).
            var owner = await db.TagSlugHistory.Where(h => h.Slug == slug).Select(h => h.Tag.Name).FirstAsync(cancellationToken);
            return $"“{slug}” was the address of a tag now called “{owner}”, and still leads there: merge the tags instead, or choose another name.";
        }
        if (tag.Slug != slug)
        {
            await RetireSlugAsync(db.TagSlugHistory, tag.Slug, slug, h => h.TagId == tag.Id, () => new TagSlugHistory { Slug = tag.Slug, TagId = tag.Id }, cancellationToken);
        }
        var oldName = tag.Name;
        tag.Name = name.Trim();
        tag.Slug = slug;
        audit.Record(AuditActions.TagRenamed, $"tag {tag.Name}", $"renamed from {oldName}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Moves every story from one tag to another and removes the first; its address then redirects to the second.</summary>
    public async Task<string?> MergeTagsAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        if (sourceId == targetId)
        {
            return "Choose two different tags.";
        }
        var source = await db.Tags.FirstOrDefaultAsync(t => t.Id == sourceId, cancellationToken);
        var target = await db.Tags.FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (source is null || target is null)
        {
            return "One of those tags no longer exists.";
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var alreadyTagged = await db.ArticleTags.Where(at => at.TagId == targetId).Select(at => at.ArticleId).ToListAsync(cancellationToken);
        var moving = await db.ArticleTags.Where(at => at.TagId == sourceId).ToListAsync(cancellationToken);
        db.ArticleTags.RemoveRange(moving);
        db.ArticleTags.AddRange(moving.Where(at => !alreadyTagged.Contains(at.ArticleId)).Select(at => new ArticleTag { ArticleId = at.ArticleId, TagId = targetId }));
        var history = await db.TagSlugHistory.Where(h => h.TagId == sourceId).ToListAsync(cancellationToken);
        foreach (var old in history)
        {
            old.TagId = targetId;
        }
        db.TagSlugHistory.Add(new TagSlugHistory { Slug = source.Slug, TagId = targetId });
        db.Tags.Remove(source);
        audit.Record(AuditActions.TagMerged, $"tag {source.Name}", $"merged into {target.Name}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task RetireSlugAsync<THistory>(DbSet<THistory> histories, string oldSlug, string newSlug,
        System.Linq.Expressions.Expression<Func<THistory, bool>> ownedByThis, Func<THistory> create, CancellationToken cancellationToken)
        where THistory : class
    {
        // The old address redirects; taking back an address this item used before removes that redirect.
        var mine = await histories.Where(ownedByThis).ToListAsync(cancellationToken);
        histories.RemoveRange(mine.Where(h => SlugOf(h) == newSlug));
        if (mine.All(h => SlugOf(h) != oldSlug))
        {
            histories.Add(create());
        }
    }

    private static string SlugOf<THistory>(THistory history) => history switch
    {
        SectionSlugHistory s => s.Slug,
        TagSlugHistory t => t.Slug,
        _ => "",
    };
}
