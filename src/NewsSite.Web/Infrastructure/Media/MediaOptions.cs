using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure.Media;

public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Largest upload accepted, in bytes (at most 64 MB, the request limit of the upload endpoint).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Widths of the resized copies made for responsive images; only those narrower than the original are made.</summary>
    public int[] VariantWidths { get; set; } = [480, 960, 1600];

    /// <summary>
    /// Images declaring more pixels than this are refused from their header, before any decoding: a 175 KB PNG can
    /// declare 7745×7745 pixels and cost 240 MB to decode. 40 megapixels takes every common camera up to 36 MP and
    /// phone; larger files should be exported smaller.
    /// </summary>
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// The longest side of the stored original, in pixels: larger images are decoded downscaled and stored at this
    /// size, twice the widest variant so the original still serves high-density screens.
    /// </summary>
    [Range(480, 20_000)]
    public int MaxStoredEdge { get; set; } = 3200;

    /// <summary>Images decoded at once by this process; more uploads wait their turn, so memory stays bounded.</summary>
    [Range(1, 64)]
    public int MaxConcurrentDecodes { get; set; } = 2;
}
