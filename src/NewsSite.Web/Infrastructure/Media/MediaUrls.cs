using System.Globalization;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>Addresses of stored images and their resized variants, all under /media/.</summary>
public static class MediaUrls
{
    public const string RequestPath = "/media";

    public static string Original(string storagePath) => $"{RequestPath}/{storagePath}";

    /// <summary>"2026/11/abc.jpg" at 480 → "2026/11/abc-480.jpg"; GIF variants are PNG (first frame, no animation).</summary>
    public static string VariantPath(string storagePath, int width)
    {
        var extension = Path.GetExtension(storagePath);
        var stem = storagePath[..^extension.Length];
        var variantExtension = extension.Equals(".gif", StringComparison.OrdinalIgnoreCase) ? ".png" : extension;
        return string.Create(CultureInfo.InvariantCulture, $"{stem}-{width}{variantExtension}");
    }

    public static IReadOnlyList<int> ParseWidths(string? widths) =>
        (widths ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => int.Parse(w, CultureInfo.InvariantCulture)).Order().ToList();

    /// <summary>The srcset of an image: each variant at its width, and the original at its own.</summary>
    public static string Srcset(string storagePath, string? variantWidths, int originalWidth) =>
        string.Join(", ", ParseWidths(variantWidths).Select(w => $"{RequestPath}/{VariantPath(storagePath, w)} {w}w")
            .Append($"{Original(storagePath)} {originalWidth}w"));

    /// <summary>The variant to use where one size must do (the hero's src, feeds, social cards): the largest variant, else the original.</summary>
    public static string Default(string storagePath, string? variantWidths)
    {
        var widths = ParseWidths(variantWidths);
        return widths.Count == 0 ? Original(storagePath) : $"{RequestPath}/{VariantPath(storagePath, widths[^1])}";
    }

    /// <summary>The smallest variant, else the original: for thumbnails such as a byline photo.</summary>
    public static string Smallest(string storagePath, string? variantWidths)
    {
        var widths = ParseWidths(variantWidths);
        return widths.Count == 0 ? Original(storagePath) : $"{RequestPath}/{VariantPath(storagePath, widths[0])}";
    }
}
