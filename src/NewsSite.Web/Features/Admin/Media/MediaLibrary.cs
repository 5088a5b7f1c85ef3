using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Admin.Media;

public sealed record MediaRow(int Id, string Url, string ThumbnailUrl, string AltText, string OriginalFileName, int Width, int Height, long Bytes, DateTime UploadedAt, IReadOnlyList<StoryUse> UsedIn);

/// <summary>A story that shows an image, as its picture or in its text.</summary>
public sealed record StoryUse(int ArticleId, string Title)
{
    public string EditorUrl => AdminUrls.Article(ArticleId);
}

/// <summary>Why an image was not deleted: the stories that would lose it.</summary>
public sealed record DeleteRefusal(string AltText, IReadOnlyList<StoryUse> UsedIn);

public sealed record DeleteResult(string Message, DeleteRefusal? Refusal = null);

public sealed record MediaPage(Paged<MediaRow> Items, UploadForm Upload, bool CanDelete, DeleteRefusal? Refusal = null) : IAdminPage
{
    public string Title => "Media library";
}

public sealed class MediaLibrary(NewsDbContext db, ImageProcessor images, TimeProvider clock)
{
    private const int PageSize = 48;

    public async Task<Paged<MediaRow>> ListAsync(int page, CancellationToken cancellationToken)
    {
        var total = await db.Media.CountAsync(cancellationToken);
        var rows = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip(Paged<MediaRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(m => new { m.Id, m.StoragePath, m.VariantWidths, m.AltText, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt })
            .ToListAsync(cancellationToken);
        var uses = await UsesAsync(rows.Select(m => (m.Id, m.StoragePath)).ToList(), cancellationToken);
        return new Paged<MediaRow>(rows.Select(m => new MediaRow(m.Id, MediaUrls.Original(m.StoragePath),
            MediaUrls.ParseWidths(m.VariantWidths) is { Count: > 0 } widths ? $"{MediaUrls.RequestPath}/{MediaUrls.VariantPath(m.StoragePath, widths[0])}" : MediaUrls.Original(m.StoragePath),
            m.AltText, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt, uses[m.Id].ToList())).ToList(), page, PageSize, total);
    }

    /// <summary>Stores the image and its variants, then records it; throws <see cref="ImageRejectedException"/> with a reason for the person.</summary>
    public async Task<int> UploadAsync(Stream file, string fileName, string altText, string? caption, string? credit, string userId, CancellationToken cancellationToken)
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
            AltText = altText.Trim(),
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
        var usedIn = (await UsesAsync([(item.Id, item.StoragePath)], cancellationToken))[item.Id].ToList();
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
    /// The stories, trashed ones included (they can be restored), that use each image: as their picture, or by its
    /// address (the original's or a variant's, so "2026/11/abc" without the extension) in their Markdown. One query
    /// for the whole page of images; a text search over bodies that no index answers, acceptable on an admin page.
    /// </summary>
    private async Task<ILookup<int, StoryUse>> UsesAsync(IReadOnlyList<(int Id, string StoragePath)> media, CancellationToken cancellationToken)
    {
        if (media.Count == 0)
        {
            return Array.Empty<(int, StoryUse)>().ToLookup(u => u.Item1, u => u.Item2);
        }
        var ids = media.Select(m => (int?)m.Id).ToList();
        var stems = media.ToDictionary(m => m.Id, m => m.StoragePath[..^Path.GetExtension(m.StoragePath).Length]);
        var article = Expression.Parameter(typeof(Article), "a");
        Expression predicate = Expression.Call(Expression.Constant(ids), typeof(List<int?>).GetMethod(nameof(List<int?>.Contains))!,
            Expression.Property(article, nameof(Article.HeroMediaId)));
        foreach (var stem in stems.Values.Distinct())
        {
            predicate = Expression.OrElse(predicate, Expression.Call(Expression.Property(article, nameof(Article.BodyMarkdown)),
                typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, Expression.Constant(stem)));
        }
        var articles = await db.Articles.AsNoTracking().Where(Expression.Lambda<Func<Article, bool>>(predicate, article))
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new { a.Id, a.Title, a.HeroMediaId, a.BodyMarkdown })
            .ToListAsync(cancellationToken);
        return media
            .SelectMany(m => articles.Where(a => a.HeroMediaId == m.Id || a.BodyMarkdown.Contains(stems[m.Id], StringComparison.Ordinal))
                .Select(a => (m.Id, Use: new StoryUse(a.Id, a.Title))))
            .ToLookup(u => u.Id, u => u.Use);
    }
}
