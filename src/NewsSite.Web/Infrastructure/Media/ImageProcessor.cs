using System.Globalization;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Checks uploaded images, makes their resized variants with SkiaSharp, and hands the files to <see cref="IMediaStorage"/>. The type is decided
/// by the file's first bytes and the codec, never by its name or the browser's claim. Every stored file, the original
/// included, is re-encoded from decoded pixels, so none carries the upload's metadata (GPS position, camera serial
/// number, comments): credit and copyright live in the database.
/// </summary>
public sealed class ImageProcessor(IMediaStorage storage, IOptions<MediaOptions> options, TimeProvider clock)
{
    private const int VariantQuality = 82;
    private const int OriginalQuality = 92;
    private const string Incomplete = "The image file is incomplete or damaged; export it again and upload.";

    // Decoding is what costs memory, and memory is per process: so is this limit.
    private readonly SemaphoreSlim decodes = new(options.Value.MaxConcurrentDecodes);

    public async Task<StoredImage> SaveAsync(Stream upload, string fileName, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var buffer = new MemoryStream();
        await CopyWithLimitAsync(upload, buffer, settings.MaxUploadBytes, cancellationToken);
        var bytes = buffer.ToArray();

        var sniffed = Sniff(bytes) ?? throw new ImageRejectedException(NotAnImage(fileName));
        // The codec takes ownership of the stream (SkiaSharp disposes it with the codec).
        using var codec = SKCodec.Create(new SKMemoryStream(bytes), out var opened);
        if (codec is null)
        {
            throw new ImageRejectedException(opened == SKCodecResult.IncompleteInput ? Incomplete
                : $"That file starts like a {sniffed.Name} image but is not one the site can read; it may be damaged, or another kind of file renamed. Export it again as JPEG, PNG, WebP or GIF and upload.");
        }
        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || (long)declared.Width * declared.Height > settings.MaxPixels)
        {
            throw new ImageRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"That image is {declared.Width}×{declared.Height} pixels, more than the limit of {settings.MaxPixels / 1_000_000.0:0.#} megapixels. Resize it and upload again."));
        }

        // GIFs are stored as a PNG of their first frame: a GIF's comment and application extensions can carry
        // anything, and re-encoding is the only stripping that cannot miss one (the animation is lost, on purpose).
        var (format, contentType, extension) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => (SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg"),
            SKEncodedImageFormat.Webp => (SKEncodedImageFormat.Webp, "image/webp", ".webp"),
            _ => (SKEncodedImageFormat.Png, "image/png", ".png"),
        };

        // Held until the last variant is written: the decoded bitmap is what costs memory, not the decoding alone.
        await decodes.WaitAsync(cancellationToken);
        try
        {
            using var master = Decode(codec, settings.MaxStoredEdge);
            var now = clock.GetUtcNow().UtcDateTime;
            var storagePath = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():n}{extension}";
            var made = new List<int>();
            try
            {
                var bytesWritten = await WriteAsync(master, format, OriginalQuality, storagePath, cancellationToken);
                foreach (var width in settings.VariantWidths.Distinct().Order().Where(w => w > 0 && w < master.Width))
                {
                    var height = Math.Max(1, (int)Math.Round(master.Height * (width / (double)master.Width)));
                    using var resized = master.Resize(master.Info.WithSize(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
                    if (resized is null)
                    {
                        continue;
                    }
                    await WriteAsync(resized, format, VariantQuality, MediaUrls.VariantPath(storagePath, width), cancellationToken);
                    made.Add(width);
                }
                return new StoredImage(storagePath, contentType, master.Width, master.Height, bytesWritten, made);
            }
            catch
            {
                // No half-stored image: a failure part way removes what was written, even when the upload was cancelled.
                await DeleteAsync(storagePath, made, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            decodes.Release();
        }
    }

    private async Task<long> WriteAsync(SKBitmap bitmap, SKEncodedImageFormat format, int quality, string storagePath, CancellationToken cancellationToken)
    {
        using var encoded = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp could not encode {format}.");
        var size = encoded.Size;
        await using var content = encoded.AsStream(streamDisposesData: false);
        await storage.WriteAsync(storagePath, content, cancellationToken);
        return size;
    }

    /// <summary>
    /// The image's pixels, upright, with the longest side at most <paramref name="maxEdge"/>, decoded without ever
    /// holding the full-size bitmap when the image is larger: JPEG and WebP decode straight to a smaller size, PNG is
    /// read a few rows at a time and averaged down. Only a format that can do neither (GIF) is decoded whole, which
    /// the pixel cap and the decode limit keep bounded.
    /// </summary>
    private static SKBitmap Decode(SKCodec codec, int maxEdge)
    {
        var full = codec.Info;
        var alpha = full.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var scale = Math.Min(1.0, maxEdge / (double)Math.Max(full.Width, full.Height));
        var target = new SKSizeI(Math.Max(1, (int)Math.Round(full.Width * scale)), Math.Max(1, (int)Math.Round(full.Height * scale)));

        var srgb = new SKImageInfo(full.Width, full.Height, SKColorType.Rgba8888, alpha, SKColorSpace.CreateSrgb());
        var scaled = scale < 1 ? codec.GetScaledDimensions((float)scale) : full.Size;
        var ratio = 1 / scale;
        SKBitmap decoded;
        if (scaled.Width < full.Width)
        {
            decoded = DecodeWhole(codec, srgb.WithSize(scaled));
        }
        else if (ratio >= 1.5)
        {
            // Rounded, so the result is never less than 0.8 of the stored size and is resized to it exactly below.
            decoded = DecodeByRows(codec, srgb, (int)Math.Round(ratio, MidpointRounding.AwayFromZero)) ?? DecodeWhole(codec, srgb);
        }
        else
        {
            // Less than 1.5 times the stored size: the whole bitmap is at most 2.25 times the stored one.
            decoded = DecodeWhole(codec, srgb);
        }

        if (decoded.Width > target.Width)
        {
            using var large = decoded;
            decoded = large.Resize(large.Info.WithSize(target), new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new InvalidOperationException("SkiaSharp could not resize the image.");
        }
        return Orient(decoded, codec.EncodedOrigin);
    }

    private static SKBitmap DecodeWhole(SKCodec codec, SKImageInfo info)
    {
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ImageRejectedException(result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput ? Incomplete
                : "That image could not be read; it may be damaged. Export it again and upload.");
        }
        return bitmap;
    }

    /// <summary>Reads <paramref name="factor"/> rows at a time and averages each factor×factor block into one pixel; null when the codec cannot read by rows.</summary>
    private static SKBitmap? DecodeByRows(SKCodec codec, SKImageInfo info, int factor)
    {
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return null;
        }
        var width = (info.Width + factor - 1) / factor;
        var height = (info.Height + factor - 1) / factor;
        var result = new SKBitmap(new SKImageInfo(width, height, info.ColorType, info.AlphaType, info.ColorSpace));
        try
        {
            using var strip = new SKBitmap(new SKImageInfo(info.Width, factor, info.ColorType, info.AlphaType, info.ColorSpace));
            var sums = new int[width * 4];
            var row = new byte[width * 4];
            for (var y = 0; y < height; y++)
            {
                var rows = Math.Min(factor, info.Height - y * factor);
                if (codec.GetScanlines(strip.GetPixels(), rows, strip.RowBytes) < rows)
                {
                    throw new ImageRejectedException(Incomplete);
                }
                Array.Clear(sums);
                var pixels = strip.GetPixelSpan();
                for (var r = 0; r < rows; r++)
                {
                    var line = pixels.Slice(r * strip.RowBytes, info.Width * 4);
                    for (var x = 0; x < info.Width; x++)
                    {
                        var o = x / factor * 4;
                        var i = x * 4;
                        sums[o] += line[i];
                        sums[o + 1] += line[i + 1];
                        sums[o + 2] += line[i + 2];
                        sums[o + 3] += line[i + 3];
                    }
                }
                for (var x = 0; x < width; x++)
                {
                    var count = Math.Min(factor, info.Width - x * factor) * rows;
                    for (var c = 0; c < 4; c++)
                    {
                        row[x * 4 + c] = (byte)((sums[x * 4 + c] + count / 2) / count);
                    }
                }
                row.CopyTo(result.GetPixelSpan().Slice(y * result.RowBytes, row.Length));
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Turns the pixels the way the EXIF orientation says, since the re-encoded file no longer carries it.</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return bitmap;
        }
        var (w, h) = (bitmap.Width, bitmap.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // x' = scaleX·x + skewX·y + transX; y' = skewY·x + scaleY·y + transY
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        using (bitmap)
        {
            var upright = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, bitmap.ColorType, bitmap.AlphaType, bitmap.ColorSpace));
            using var canvas = new SKCanvas(upright);
            canvas.SetMatrix(matrix);
            canvas.DrawBitmap(bitmap, 0, 0);
            canvas.Flush();
            return upright;
        }
    }

    private static string NotAnImage(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".gif" => "That file is named .gif but is not a GIF: its contents are not an image at all. The site accepts JPEG, PNG, WebP and GIF images.",
            ".jpg" or ".jpeg" => "That file is named .jpg but is not a JPEG: its contents are not an image at all. The site accepts JPEG, PNG, WebP and GIF images.",
            ".png" => "That file is named .png but is not a PNG: its contents are not an image at all. The site accepts JPEG, PNG, WebP and GIF images.",
            ".webp" => "That file is named .webp but is not a WebP: its contents are not an image at all. The site accepts JPEG, PNG, WebP and GIF images.",
            _ => "That file is not a JPEG, PNG, WebP or GIF image.",
        };

    /// <summary>Removes an image and its variants from storage.</summary>
    public async Task DeleteAsync(string storagePath, IEnumerable<int> variantWidths, CancellationToken cancellationToken)
    {
        foreach (var path in variantWidths.Select(w => MediaUrls.VariantPath(storagePath, w)).Append(storagePath))
        {
            await storage.DeleteAsync(path, cancellationToken);
        }
    }

    /// <summary>The image type from the file's signature, or null for anything else.</summary>
    internal static (string Name, string ContentType)? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ("JPEG", "image/jpeg");
        }
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return ("PNG", "image/png");
        }
        if (bytes.Length >= 6 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return ("GIF", "image/gif");
        }
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ("WebP", "image/webp");
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
