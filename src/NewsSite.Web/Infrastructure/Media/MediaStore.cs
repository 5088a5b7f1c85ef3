using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace NewsSite.Web.Infrastructure.Media;

public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Largest upload accepted, in bytes (at most 64 MB, the request limit of the upload endpoint).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Widths of the resized copies made for responsive images; only those narrower than the original are made.</summary>
    public int[] VariantWidths { get; set; } = [480, 960, 1600];

    /// <summary>Images with more pixels than this are refused before decoding (a guard against decompression bombs).</summary>
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 60_000_000;
}

public sealed record StoredImage(string StoragePath, string ContentType, int Width, int Height, long Bytes, IReadOnlyList<int> VariantWidths);

/// <summary>Why an upload was refused, in words for the person uploading.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Stores uploaded images under the data folder and makes their resized variants with SkiaSharp. The type is decided
/// by the file's first bytes and a full decode, never by its name or the browser's claim.
/// </summary>
public sealed class MediaStore(DataPaths paths, IOptions<MediaOptions> options, TimeProvider clock)
{
    private const int JpegQuality = 82;

    public string Root => Path.Combine(paths.DataDirectory, "media");

    public async Task<StoredImage> SaveAsync(Stream upload, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var buffer = new MemoryStream();
        await CopyWithLimitAsync(upload, buffer, settings.MaxUploadBytes, cancellationToken);
        var bytes = buffer.ToArray();

        var (contentType, extension) = Sniff(bytes) ?? throw new ImageRejectedException("That file is not a JPEG, PNG, WebP or GIF image.");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException("That image could not be read; it may be damaged.");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > settings.MaxPixels)
        {
            throw new ImageRejectedException("That image is too large in pixels. Resize it to under 60 megapixels and try again.");
        }
        using var bitmap = SKBitmap.Decode(codec) ?? throw new ImageRejectedException("That image could not be read; it may be damaged.");

        var now = clock.GetUtcNow().UtcDateTime;
        var storagePath = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():n}{extension}";
        var fullPath = Path.Combine(Root, storagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await File.WriteAllBytesAsync(fullPath, bytes, cancellationToken);

        var made = new List<int>();
        foreach (var width in settings.VariantWidths.Distinct().Order().Where(w => w > 0 && w < bitmap.Width))
        {
            var height = Math.Max(1, (int)Math.Round(bitmap.Height * (width / (double)bitmap.Width)));
            using var resized = bitmap.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
            if (resized is null)
            {
                continue;
            }
            var variantPath = MediaUrls.VariantPath(storagePath, width);
            var format = Path.GetExtension(variantPath) switch
            {
                ".png" => SKEncodedImageFormat.Png,
                ".webp" => SKEncodedImageFormat.Webp,
                _ => SKEncodedImageFormat.Jpeg,
            };
            using var encoded = resized.Encode(format, JpegQuality);
            await using var output = File.Create(Path.Combine(Root, variantPath));
            encoded.SaveTo(output);
            made.Add(width);
        }
        return new StoredImage(storagePath, contentType, bitmap.Width, bitmap.Height, bytes.LongLength, made);
    }

    public void Delete(string storagePath, IEnumerable<int> variantWidths)
    {
        foreach (var path in variantWidths.Select(w => MediaUrls.VariantPath(storagePath, w)).Append(storagePath))
        {
            var full = Path.GetFullPath(Path.Combine(Root, path));
            if (full.StartsWith(Path.GetFullPath(Root), StringComparison.Ordinal) && File.Exists(full))
            {
                File.Delete(full);
            }
        }
    }

    /// <summary>The image type from the file's signature, or null for anything else.</summary>
    internal static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ("image/jpeg", ".jpg");
        }
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return ("image/png", ".png");
        }
        if (bytes.Length >= 6 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return ("image/gif", ".gif");
        }
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", ".webp");
        }
        return null;
    }

    private static async Task CopyWithLimitAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new ImageRejectedException($"That file is larger than the limit of {limit / (1024 * 1024.0):0.#} MB. Make it smaller and try again.");
            }
            await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
    }
}
