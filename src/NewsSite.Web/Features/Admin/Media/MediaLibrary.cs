using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Admin.Media;

public sealed record MediaRow(int Id, string Url, string ThumbnailUrl, string AltText, string? Caption, string? Credit, string OriginalFileName, int Width, int Height, long Bytes, DateTime UploadedAt, ImageUses UsedIn)
{
    public string EditUrl => AdminUrls.EditMedia(Id);
}

/// <summary>An image as the editor's picker and upload answer show it; <see cref="Markdown"/> is what goes into a body.</summary>
public sealed record PickerItem(int Id, string Markdown, string ThumbnailUrl, string Alt, string? Caption, string? Credit, int Width, int Height, string FileName);

public sealed record PickerPage(IReadOnlyList<PickerItem> Items, int Page, bool HasMore);

/// <summary>A story that shows an image, as its picture or in its text.</summary>
public sealed record StoryUse(int ArticleId, string Title)
{
    public string EditorUrl => AdminUrls.Article(ArticleId);
}

/// <summary>
/// How many stories use an image, and the newest few of them to link to: a paper's logo or a columnist's photo can be
/// in thousands, and a page of images listing every one would be megabytes.
/// </summary>
public sealed record ImageUses(int Count, IReadOnlyList<StoryUse> Newest)
{
    public const int Listed = 10;

    public static ImageUses None { get; } = new(0, []);

    public int NotListed => Count - Newest.Count;
}

/// <summary>Why an image was not deleted: the stories that would lose it.</summary>
public sealed record DeleteRefusal(string AltText, ImageUses UsedIn);

public sealed record DeleteResult(string Message, DeleteRefusal? Refusal = null);

public sealed record MediaPage(Paged<MediaRow> Items, UploadForm Upload, bool CanDelete, DeleteRefusal? Refusal = null, string? Query = null) : IAdminPage
{
    public string Title => "Media library";
}

public sealed record MediaEditPage(int Id, string ThumbnailUrl, string OriginalFileName, MediaDetailsForm Form) : IAdminPage
{
    public string Title => "Edit image";
}

public sealed class MediaLibrary(NewsDbContext db, ImageProcessor images, ArticleBodyRenderer renderer, BodyImages bodyImages, TimeProvider clock, ILogger<MediaLibrary> logger)
{
    private const int PageSize = 48;
    private const int PickerPageSize = 24;

    public async Task<Paged<MediaRow>> ListAsync(string? query, int page, CancellationToken cancellationToken)
    {
        var matching = Search(query);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await matching.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip(Paged<MediaRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(m => new { m.Id, m.StoragePath, m.VariantWidths, m.AltText, m.Caption, m.Credit, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt })
            .ToListAsync(cancellationToken);
        var uses = await UsesAsync(rows.Select(m => m.Id).ToList(), cancellationToken);
        return new Paged<MediaRow>(rows.Select(m => new MediaRow(m.Id, MediaUrls.Original(m.StoragePath), Thumbnail(m.StoragePath, m.VariantWidths),
            m.AltText, m.Caption, m.Credit, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt, uses.GetValueOrDefault(m.Id, ImageUses.None))).ToList(), page, PageSize, total);
    }

    /// <summary>A page of the editor's picker, newest first; no usage look-up, so it stays quick while someone types.</summary>
    public async Task<PickerPage> PickAsync(string? query, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        var rows = await Search(query).OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip(Paged<PickerItem>.Skip(page, PickerPageSize)).Take(PickerPageSize + 1)
            .Select(m => new { m.Id, m.StoragePath, m.VariantWidths, m.AltText, m.Caption, m.Credit, m.Width, m.Height, m.OriginalFileName })
            .ToListAsync(cancellationToken);
        var items = rows.Take(PickerPageSize).Select(m => new PickerItem(m.Id, BodyImages.MarkdownFor(m.Id, m.AltText, m.Caption),
            Thumbnail(m.StoragePath, m.VariantWidths), m.AltText, m.Caption, m.Credit, m.Width, m.Height, m.OriginalFileName)).ToList();
        return new PickerPage(items, page, rows.Count > PickerPageSize);
    }

    public async Task<PickerItem?> ItemAsync(int id, CancellationToken cancellationToken) =>
        (await db.Media.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Id, m.StoragePath, m.VariantWidths, m.AltText, m.Caption, m.Credit, m.Width, m.Height, m.OriginalFileName })
            .ToListAsync(cancellationToken))
        .Select(m => new PickerItem(m.Id, BodyImages.MarkdownFor(m.Id, m.AltText, m.Caption), Thumbnail(m.StoragePath, m.VariantWidths),
            m.AltText, m.Caption, m.Credit, m.Width, m.Height, m.OriginalFileName))
        .FirstOrDefault();

    public async Task<MediaEditPage?> EditPageAsync(int id, CancellationToken cancellationToken) =>
        await ItemAsync(id, cancellationToken) is { } item
            ? new MediaEditPage(item.Id, item.ThumbnailUrl, item.FileName, new MediaDetailsForm { AltText = item.Alt, Caption = item.Caption, Credit = item.Credit })
            : null;

    /// <summary>
    /// New description, caption and credit. Stories that show the image in their text are rendered again, so their
    /// figures say the same as the library (a caption typed into the story's own Markdown still wins there).
    /// Returns false when the image no longer exists.
    /// </summary>
    public async Task<MediaUpdate> UpdateAsync(int id, MediaDetailsForm form, Articles.ArticleRights rights, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return MediaUpdate.Missing;
        }
        // The stories and live entries that show it in their text: only they change with its words (a story's picture
        // keeps its own copy of them, and an address links the file alone). The uses narrow the search to its stories.
        var reference = $"{BodyImages.Scheme}{id}";
        var usesOfIt = db.ArticleMediaUses.Where(u => u.MediaId == id);
        var stories = (await db.Articles.Where(a => usesOfIt.Any(u => u.ArticleId == a.Id) && a.BodyMarkdown.Contains(reference)).ToListAsync(cancellationToken))
            .Where(a => BodyImages.IdsIn(a.BodyMarkdown).Contains(id)).ToList();
        var entries = (await db.LiveEntries.Where(e => usesOfIt.Any(u => u.ArticleId == e.ArticleId) && e.BodyMarkdown.Contains(reference)).ToListAsync(cancellationToken))
            .Where(e => BodyImages.IdsIn(e.BodyMarkdown).Contains(id)).ToList();

        // New words re-render those, and a writer changes no story that went out, nor anyone else's: a writer describes
        // their own uploads while only their own drafts show them. Editors describe any.
        if (!rights.CanPublish)
        {
            var entryStories = entries.Select(e => e.ArticleId).Distinct().ToList();
            if (item.UploadedByUserId != rights.UserId ||
                stories.Any(a => a.Status != ArticleStatus.Draft || a.CreatedByUserId != rights.UserId) ||
                await db.Articles.AnyAsync(a => entryStories.Contains(a.Id) && (a.Status != ArticleStatus.Draft || a.CreatedByUserId != rights.UserId), cancellationToken))
            {
                return MediaUpdate.Refused;
            }
        }
        item.AltText = (form.AltText ?? "").Trim();
        item.Caption = string.IsNullOrWhiteSpace(form.Caption) ? null : form.Caption.Trim();
        item.Credit = string.IsNullOrWhiteSpace(form.Credit) ? null : form.Credit.Trim();
        var changed = new BodyImage(item.Id, item.StoragePath, item.VariantWidths, item.Width, item.Height, item.AltText, item.Caption, item.Credit);

        foreach (var story in stories)
        {
            // The loader reads what is saved; this image's new words are not yet, so they are put in by hand.
            var shown = new Dictionary<int, BodyImage>(await bodyImages.ForAsync(story.BodyMarkdown, cancellationToken)) { [id] = changed };
            if (renderer.TryRender(story.BodyMarkdown, shown) is { } body)
            {
                story.BodyHtml = body.Html;
                story.BodyText = body.Text;
                story.ParagraphEnds = body.ParagraphEnds;
                story.ReadingTimeMinutes = body.ReadingTimeMinutes;
            }
        }
        foreach (var entry in entries)
        {
            var shown = new Dictionary<int, BodyImage>(await bodyImages.ForAsync(entry.BodyMarkdown, cancellationToken)) { [id] = changed };
            if (renderer.TryRender(entry.BodyMarkdown, shown) is { } body)
            {
                entry.BodyHtml = body.Html;
            }
        }
        // One save: the library and the stories that show the image change together.
        await db.SaveChangesAsync(cancellationToken);
        if (stories.Count + entries.Count > 0)
        {
            logger.LogInformation("Rendered {StoryCount} stories and {EntryCount} live entries again after image {MediaId} changed", stories.Count, entries.Count, id);
        }
        return MediaUpdate.Updated;
    }

    private IQueryable<MediaItem> Search(string? query)
    {
        var media = db.Media.AsNoTracking();
        if (string.IsNullOrWhiteSpace(query))
        {
            return media;
        }
        // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
        var term = query.Trim().ToLowerInvariant();
        return media.Where(m => m.AltText.ToLower().Contains(term) || m.OriginalFileName.ToLower().Contains(term)
            || (m.Caption != null && m.Caption.ToLower().Contains(term)) || (m.Credit != null && m.Credit.ToLower().Contains(term)));
    }

    private static string Thumbnail(string storagePath, string? variantWidths) =>
        MediaUrls.ParseWidths(variantWidths) is { Count: > 0 } widths ? $"{MediaUrls.RequestPath}/{MediaUrls.VariantPath(storagePath, widths[0])}" : MediaUrls.Original(storagePath);

    /// <summary>Stores the image and its variants, then records it; throws <see cref="ImageRejectedException"/> with a reason for the person.</summary>
    public async Task<int> UploadAsync(Stream file, string fileName, string? altText, string? caption, string? credit, string userId, CancellationToken cancellationToken)
    {
        var stored = await images.SaveAsync(file, fileName, cancellationToken);
        var item = new MediaItem
        {
            OriginalFileName = Path.GetFileName(fileName) is { Length: > 0 and <= 255 } name ? name : "upload",
            StoragePath = stored.StoragePath,
            ContentType = stored.ContentType,
            Width = stored.Width,
            Height = stored.Height,
            Bytes = stored.Bytes,
            AltText = (altText ?? "").Trim(),
            Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(),
            Credit = string.IsNullOrWhiteSpace(credit) ? null : credit.Trim(),
            VariantWidths = string.Join(',', stored.VariantWidths),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedByUserId = userId,
        };
        db.Media.Add(item);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row, no files: a failed save must not leave orphans on disk.
            await images.DeleteAsync(stored.StoragePath, stored.VariantWidths, CancellationToken.None);
            throw;
        }
        return item.Id;
    }

    /// <summary>Deletes an image that no story uses; returns the stories that use it when it cannot.</summary>
    public async Task<DeleteResult> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return new DeleteResult("That image no longer exists.");
        }
        var usedIn = (await UsesAsync([item.Id], cancellationToken)).GetValueOrDefault(item.Id, ImageUses.None);
        if (usedIn.Count > 0)
        {
            return new DeleteResult("That image is used by stories; it was not deleted.", new DeleteRefusal(item.AltText, usedIn));
        }
        db.Media.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        // The row is gone: its files go too, even if the request is cancelled now.
        await images.DeleteAsync(item.StoragePath, MediaUrls.ParseWidths(item.VariantWidths), CancellationToken.None);
        return new DeleteResult("Image deleted.");
    }

    /// <summary>
    /// The stories, trashed ones included (they can be restored), that use each image: as their picture, in their text
    /// or in a live entry, as <see cref="MediaUseRecorder"/> kept them at each save. Newest stories first (by id: no
    /// story row is read to order them), and only the listed ones' titles are read.
    /// </summary>
    private async Task<Dictionary<int, ImageUses>> UsesAsync(IReadOnlyList<int> mediaIds, CancellationToken cancellationToken)
    {
        var uses = db.ArticleMediaUses.AsNoTracking().Where(u => mediaIds.Contains(u.MediaId));
        var counts = await uses.GroupBy(u => u.MediaId).Select(g => new { MediaId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.MediaId, g => g.Count, cancellationToken);
        // The newest few of each: a window over this page's images' uses alone (the inner filter keeps it to them).
        var newest = (await db.Media.Where(m => mediaIds.Contains(m.Id))
                .SelectMany(m => uses.Where(u => u.MediaId == m.Id).OrderByDescending(u => u.ArticleId).Take(ImageUses.Listed))
                .Select(u => new { u.MediaId, u.ArticleId, u.Article.Title })
                .ToListAsync(cancellationToken))
            .ToLookup(u => u.MediaId, u => new StoryUse(u.ArticleId, u.Title));
        return counts.ToDictionary(c => c.Key, c => new ImageUses(c.Value, newest[c.Key].OrderByDescending(u => u.ArticleId).ToList()));
    }
}

public enum MediaUpdate
{
    Updated,
    Missing,

    /// <summary>A writer asked to change an image that someone else uploaded, or that a published story or someone else's draft shows.</summary>
    Refused,
}
