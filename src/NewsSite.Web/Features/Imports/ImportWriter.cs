using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Imports;

/// <summary>Who runs an import: the signed-in person on the admin page, or the operator a command names with --by.</summary>
public sealed record ImportActor(string Name, string? UserId = null);

/// <summary>A story as an importer read it, ready to become an <see cref="Article"/>.</summary>
public sealed record ImportedArticle
{
    public required string ExternalId { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Markdown { get; init; }
    public string Standfirst { get; init; } = "";
    public required int SectionId { get; init; }
    public IReadOnlyList<int> TagIds { get; init; } = [];
    public IReadOnlyList<int> AuthorIds { get; init; } = [];
    public ArticleStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public bool IsFeatured { get; init; }
    public bool ReviewRequested { get; init; }
    public int? HeroMediaId { get; init; }

    /// <summary>A hero image that stays where it was (its file was not found), with its description.</summary>
    public string? HeroImageUrl { get; init; }
    public string? HeroImageAlt { get; init; }

    /// <summary>Addresses it had on the old site, each answered with a 301 to its new one.</summary>
    public IReadOnlyList<string> OldPaths { get; init; } = [];
}

/// <summary>A page outside the news (About, Contact) as an importer read it.</summary>
public sealed record ImportedPage(string ExternalId, string Title, string Slug, string Markdown, bool IsPublished, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<string> OldPaths);

/// <summary>
/// The shared core of every import: finds what an earlier run brought in (ImportedItems, by the source's own ids, so a
/// second run changes nothing), and makes sections, tags, authors, media, articles and static pages the way the
/// newsroom makes them: slugs by <see cref="Text.Slugify"/>, bodies rendered and sanitised by
/// <see cref="ArticleBodyRenderer"/> at save, images through <see cref="ImageProcessor"/> (variants, stripped
/// metadata), a first revision for every article, and old addresses as <see cref="LegacyRedirect"/>s. Each item is
/// saved with its ImportedItem in one transaction, so a run stopped half way leaves whole items and the next run
/// carries on. The search index follows the Articles table by itself (triggers on SQLite, a generated column on PostgreSQL).
/// </summary>
public sealed class ImportWriter(NewsDbContext db, ArticleBodyRenderer renderer, BodyImages bodyImages, ImageProcessor images, TimeProvider clock)
{
    // The site's own first path segments: an old address there would hide one of this site's pages.
    private static readonly HashSet<string> SitePrefixes = new(StringComparer.Ordinal)
    {
        "admin", "tag", "author", "pages", "search", "archive", "newsletter", "media", "live", "preview", "corrections", "healthz",
        "ads", "css", "js", "images", "fonts", "feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt", "favicon.ico",
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int?> FindAsync(string source, string kind, string externalId, CancellationToken cancellationToken) =>
        await db.ImportedItems.AsNoTracking().Where(i => i.Source == source && i.Kind == kind && i.ExternalId == externalId)
            .Select(i => (int?)i.LocalId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The section for a category or primary tag: made once, found by its slug if the paper already has it.</summary>
    public async Task<int> SectionAsync(string source, string externalId, string name, string? slug, string? description, ImportReport report, CancellationToken cancellationToken)
    {
        if (await FindAsync(source, "section", externalId, cancellationToken) is { } known && await db.Sections.AnyAsync(s => s.Id == known, cancellationToken))
        {
            return known;
        }
        var wanted = SlugOr(slug, name, "section");
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Slug == wanted, cancellationToken);
        if (section is null)
        {
            var position = await db.Sections.MaxAsync(s => (int?)s.Position, cancellationToken) ?? 0;
            section = new Section { Name = Cut(name, 100), Slug = wanted, Description = Cut(description ?? "", 500), Position = position + 1 };
            db.Sections.Add(section);
            report.Added("section", name, SiteUrls.Section(wanted));
        }
        await SaveWithRecordAsync(source, "section", externalId, () => section.Id, cancellationToken);
        return section.Id;
    }

    /// <summary>Where a story without a category or tag goes: the paper's first section, or a new "News" section on an empty site.</summary>
    public async Task<int> DefaultSectionAsync(string source, ImportReport report, CancellationToken cancellationToken) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken)
        ?? await SectionAsync(source, "default", "News", "news", null, report, cancellationToken);

    public async Task<int> TagAsync(string source, string externalId, string name, string? slug, ImportReport report, CancellationToken cancellationToken)
    {
        if (await FindAsync(source, "tag", externalId, cancellationToken) is { } known && await db.Tags.AnyAsync(t => t.Id == known, cancellationToken))
        {
            return known;
        }
        var wanted = SlugOr(slug, name, "tag");
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == wanted, cancellationToken)
            ?? await db.TagSlugHistory.Where(h => h.Slug == wanted).Select(h => h.Tag).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            tag = new Tag { Name = Cut(name, 100), Slug = wanted };
            db.Tags.Add(tag);
            report.Added("tag", name);
        }
        await SaveWithRecordAsync(source, "tag", externalId, () => tag.Id, cancellationToken);
        return tag.Id;
    }

    public async Task<int> AuthorAsync(string source, string externalId, string name, string? bio, ImportReport report, CancellationToken cancellationToken)
    {
        if (await FindAsync(source, "author", externalId, cancellationToken) is { } known && await db.Authors.AnyAsync(a => a.Id == known, cancellationToken))
        {
            return known;
        }
        var wanted = SlugOr(null, name, "author");
        // A profile of the same name is taken to be the same person (the newsroom can still tell them apart by hand).
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == wanted, cancellationToken);
        if (author is null)
        {
            author = new Author { Name = Cut(name, 100), Slug = wanted, Bio = Cut(bio ?? "", 2000) };
            db.Authors.Add(author);
            report.Added("author", name, SiteUrls.Author(wanted));
        }
        await SaveWithRecordAsync(source, "author", externalId, () => author.Id, cancellationToken);
        return author.Id;
    }

    /// <summary>A file from the old site's uploads as a library image (with its variants); null with a reason when it is not an image the site takes.</summary>
    public async Task<(int? Id, string? Problem)> MediaAsync(string source, string externalId, string file, string? alt, string? caption, ImportActor actor, ImportReport report, CancellationToken cancellationToken)
    {
        if (await FindAsync(source, "media", externalId, cancellationToken) is { } known && await db.Media.AnyAsync(m => m.Id == known, cancellationToken))
        {
            return (known, null);
        }
        StoredImage stored;
        try
        {
            await using var stream = File.OpenRead(file);
            stored = await images.SaveAsync(stream, Path.GetFileName(file), cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            return (null, rejected.Message);
        }
        var item = new MediaItem
        {
            OriginalFileName = Cut(Path.GetFileName(file), 255),
            StoragePath = stored.StoragePath,
            ContentType = stored.ContentType,
            Width = stored.Width,
            Height = stored.Height,
            Bytes = stored.Bytes,
            AltText = Cut(string.IsNullOrWhiteSpace(alt) ? Path.GetFileNameWithoutExtension(file) : alt.Trim(), 500),
            Caption = string.IsNullOrWhiteSpace(caption) ? null : Cut(caption.Trim(), 1000),
            VariantWidths = string.Join(',', stored.VariantWidths),
            UploadedAt = Now,
            UploadedByUserId = actor.UserId,
        };
        db.Media.Add(item);
        await SaveWithRecordAsync(source, "media", externalId, () => item.Id, cancellationToken);
        report.Added("image", externalId);
        return (item.Id, null);
    }

    /// <summary>Creates the article with its first revision, tags, byline and old addresses; false (reported) when it cannot be.</summary>
    public async Task<bool> ArticleAsync(string source, ImportedArticle imported, ImportActor actor, ImportReport report, CancellationToken cancellationToken)
    {
        var label = $"{imported.ExternalId} “{imported.Title}”";
        if (await FindAsync(source, "post", imported.ExternalId, cancellationToken) is not null)
        {
            report.AlreadyThere("post", label);
            return false;
        }
        if (renderer.TryRender(imported.Markdown, await bodyImages.ForAsync(imported.Markdown, cancellationToken)) is not { } body)
        {
            report.Skip("post", label, "its body is nested too deeply to render");
            return false;
        }
        var slug = await FreeArticleSlugAsync(imported.Slug, cancellationToken);
        if (slug != imported.Slug)
        {
            report.Warn("post", label, $"its address /{imported.Slug} was taken here: it is at …/{slug}");
        }
        var section = await db.Sections.AsNoTracking().FirstAsync(s => s.Id == imported.SectionId, cancellationToken);
        var article = new Article
        {
            Title = Cut(imported.Title, 300),
            Slug = slug,
            Standfirst = Cut(imported.Standfirst, 1000),
            BodyMarkdown = imported.Markdown,
            BodyHtml = body.Html,
            BodyText = body.Text,
            ParagraphEnds = body.ParagraphEnds,
            ReadingTimeMinutes = body.ReadingTimeMinutes,
            SectionId = section.Id,
            Status = imported.Status,
            PublishedAt = imported.Status == ArticleStatus.Draft ? null : imported.PublishedAt,
            WentLiveAt = imported.Status == ArticleStatus.Published ? imported.PublishedAt : null,
            CreatedAt = imported.CreatedAt,
            UpdatedAt = imported.UpdatedAt,
            IsFeatured = imported.IsFeatured,
            ReviewRequestedAt = imported.ReviewRequested ? Now : null,
            CreatedByUserId = actor.UserId,
            Version = 1,
        };
        string? heroName = null;
        if (imported.HeroMediaId is { } heroId && await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == heroId, cancellationToken) is { } media)
        {
            // As the editor sets a library hero (ArticleEditor.ApplyHero): the largest variant, its size, its words.
            var widths = MediaUrls.ParseWidths(media.VariantWidths);
            var shown = widths.Count == 0 ? media.Width : widths[^1];
            article.HeroMediaId = media.Id;
            article.HeroImageUrl = MediaUrls.Default(media.StoragePath, media.VariantWidths);
            article.HeroImageWidth = shown;
            article.HeroImageHeight = (int)Math.Round(media.Height * (shown / (double)media.Width));
            article.HeroImageAlt = media.AltText;
            article.HeroImageCaption = media.Caption;
            heroName = media.OriginalFileName;
        }
        else if (imported.HeroImageUrl is { Length: <= 500 } outside)
        {
            article.HeroImageUrl = outside;
            article.HeroImageAlt = Cut(imported.HeroImageAlt ?? imported.Title, 500);
            heroName = outside;
        }
        var tagIds = imported.TagIds.Distinct().Take(20).ToList();
        for (var i = 0; i < tagIds.Count; i++)
        {
            article.Tags.Add(new ArticleTag { Article = article, TagId = tagIds[i], Position = i });
        }
        var authorIds = imported.AuthorIds.Distinct().ToList();
        for (var i = 0; i < authorIds.Count; i++)
        {
            article.Authors.Add(new ArticleAuthor { Article = article, AuthorId = authorIds[i], Position = i });
        }
        db.Articles.Add(article);

        // The first revision, as a story written here has: what it said and everything chosen beside it.
        var tagNames = await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var authorNames = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        db.ArticleRevisions.Add(new ArticleRevision
        {
            Article = article,
            Number = 1,
            Title = article.Title,
            Standfirst = article.Standfirst,
            BodyMarkdown = article.BodyMarkdown,
            CreatedAt = Now,
            CreatedByUserId = actor.UserId,
            CreatedByName = Cut(actor.Name, 256),
            Note = Cut($"Imported from {source} ({imported.ExternalId})", 200),
            ArticleVersion = article.Version,
            Details = new RevisionDetails
            {
                Slug = slug,
                SectionId = section.Id,
                Section = section.Name,
                Tags = tagIds.Where(tagNames.ContainsKey).Select(id => tagNames[id]).ToList(),
                AuthorIds = authorIds,
                Byline = authorIds.Where(authorNames.ContainsKey).Select(id => authorNames[id]).ToList(),
                HeroMediaId = article.HeroMediaId,
                Hero = heroName,
                HeroImageAlt = article.HeroImageAlt,
                HeroImageCaption = article.HeroImageCaption,
                IsFeatured = article.IsFeatured,
            }.ToJson(),
        });
        var target = SiteUrls.Article(section.Slug, slug);
        await AddRedirectsAsync(source, imported.OldPaths, target, label, report, cancellationToken);
        await SaveWithRecordAsync(source, "post", imported.ExternalId, () => article.Id, cancellationToken);
        report.Added("post", label, $"{imported.Status.ToString().ToLowerInvariant()} at {target}");
        return true;
    }

    public async Task<bool> PageAsync(string source, ImportedPage imported, ImportActor actor, ImportReport report, CancellationToken cancellationToken)
    {
        var label = $"{imported.ExternalId} “{imported.Title}”";
        if (await FindAsync(source, "page", imported.ExternalId, cancellationToken) is not null)
        {
            report.AlreadyThere("page", label);
            return false;
        }
        if (renderer.TryRender(imported.Markdown, await bodyImages.ForAsync(imported.Markdown, cancellationToken)) is not { } body)
        {
            report.Skip("page", label, "its body is nested too deeply to render");
            return false;
        }
        var slug = imported.Slug;
        for (var n = 2; await db.StaticPages.AnyAsync(p => p.Slug == slug, cancellationToken); n++)
        {
            slug = $"{imported.Slug}-{n}";
        }
        if (slug != imported.Slug)
        {
            report.Warn("page", label, $"the page address {SiteUrls.Page(imported.Slug)} was taken here: it is at {SiteUrls.Page(slug)}");
        }
        var page = new StaticPage
        {
            Title = Cut(imported.Title, 200),
            Slug = slug,
            Kind = PageKind.Other,
            BodyMarkdown = imported.Markdown,
            BodyHtml = body.Html,
            IsPublished = imported.IsPublished,
            CreatedAt = imported.CreatedAt,
            UpdatedAt = imported.UpdatedAt,
            UpdatedByName = Cut(actor.Name, 256),
            Version = 1,
        };
        db.StaticPages.Add(page);
        var target = SiteUrls.Page(slug);
        await AddRedirectsAsync(source, imported.OldPaths, target, label, report, cancellationToken);
        await SaveWithRecordAsync(source, "page", imported.ExternalId, () => page.Id, cancellationToken);
        report.Added("page", label, $"{(imported.IsPublished ? "published" : "not published")} at {target}");
        return true;
    }

    /// <summary>
    /// Old addresses answer 301 to <paramref name="target"/>; one this site answers itself (a section, the newsroom,
    /// a feed) is left alone and reported, and one an earlier import already redirects keeps its first target.
    /// </summary>
    private async Task AddRedirectsAsync(string source, IEnumerable<string> oldPaths, string target, string label, ImportReport report, CancellationToken cancellationToken)
    {
        var sectionSlugs = await db.Sections.AsNoTracking().Select(s => s.Slug).ToListAsync(cancellationToken);
        foreach (var path in oldPaths.Select(LegacyPaths.Normalize).OfType<string>().Distinct())
        {
            if (path == target.ToLowerInvariant() || path.Length > 600)
            {
                continue;
            }
            var first = path.TrimStart('/').Split('/', '?')[0];
            if (first.Length > 0 && (SitePrefixes.Contains(first) || sectionSlugs.Contains(first)))
            {
                report.Warn("redirect", path, $"not redirected to {target} ({label}): this site answers that address itself");
                continue;
            }
            if (await db.LegacyRedirects.AnyAsync(r => r.Path == path, cancellationToken) || db.LegacyRedirects.Local.Any(r => r.Path == path))
            {
                continue;
            }
            db.LegacyRedirects.Add(new LegacyRedirect { Path = path, Target = target, Source = source, CreatedAt = Now });
        }
    }

    private async Task SaveWithRecordAsync(string source, string kind, string externalId, Func<int> localId, CancellationToken cancellationToken)
    {
        // The item and the record of it commit together: a run stopped here leaves neither, and the next run makes both.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ImportedItems.Add(new ImportedItem { Source = source, Kind = kind, ExternalId = Cut(externalId, 300), LocalId = localId(), ImportedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<string> FreeArticleSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        var slug = wanted;
        for (var n = 2; await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken) || await db.ArticleSlugHistory.AnyAsync(h => h.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }
        return slug;
    }

    private static string SlugOr(string? slug, string name, string fallback) =>
        Text.Slugify(slug) is { Length: > 0 } s ? Cut(s, 100) : Text.Slugify(name) is { Length: > 0 } n ? Cut(n, 100) : $"{fallback}-{Guid.NewGuid():n}"[..(fallback.Length + 9)];

    public static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
