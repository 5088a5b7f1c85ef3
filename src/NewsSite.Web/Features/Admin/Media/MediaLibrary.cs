using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Admin.Media;

public sealed record MediaRow(int Id, string Url, string ThumbnailUrl, string AltText, string OriginalFileName, int Width, int Height, long Bytes, DateTime UploadedAt);

public sealed record MediaPage(Paged<MediaRow> Items, UploadForm Upload, bool CanDelete) : IAdminPage
{
    public string Title => "Media library";
}

public sealed class MediaLibrary(NewsDbContext db, MediaStore store, TimeProvider clock)
{
    private const int PageSize = 48;

    public async Task<Paged<MediaRow>> ListAsync(int page, CancellationToken cancellationToken)
    {
        var total = await db.Media.CountAsync(cancellationToken);
        var rows = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip(Paged<MediaRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(m => new { m.Id, m.StoragePath, m.VariantWidths, m.AltText, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt })
            .ToListAsync(cancellationToken);
        return new Paged<MediaRow>(rows.Select(m => new MediaRow(m.Id, MediaUrls.Original(m.StoragePath),
            MediaUrls.ParseWidths(m.VariantWidths) is { Count: > 0 } widths ? $"{MediaUrls.RequestPath}/{MediaUrls.VariantPath(m.StoragePath, widths[0])}" : MediaUrls.Original(m.StoragePath),
            m.AltText, m.OriginalFileName, m.Width, m.Height, m.Bytes, m.UploadedAt)).ToList(), page, PageSize, total);
    }

    /// <summary>Stores the image and its variants, then records it; throws <see cref="ImageRejectedException"/> with a reason for the person.</summary>
    public async Task<int> UploadAsync(Stream file, string fileName, string altText, string? caption, string? credit, string userId, CancellationToken cancellationToken)
    {
        var stored = await store.SaveAsync(file, fileName, cancellationToken);
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
            store.Delete(stored.StoragePath, stored.VariantWidths);
            throw;
        }
        return item.Id;
    }

    /// <summary>Deletes an image that no story uses; returns a reason when it cannot.</summary>
    public async Task<string?> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return "That image no longer exists.";
        }
        var usedBy = await db.Articles.Where(a => a.HeroMediaId == id).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (usedBy is not null)
        {
            return $"That image is the picture of “{usedBy}”. Choose another picture for the story first.";
        }
        db.Media.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(item.StoragePath, MediaUrls.ParseWidths(item.VariantWidths));
        return null;
    }
}
