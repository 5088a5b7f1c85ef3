namespace NewsSite.Data.Entities;

/// <summary>A snapshot of an article's text, taken at every save.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>What kind of save made it: "Saved", "Published", "Restored revision 3", …</summary>
    public string Note { get; set; } = "";
}

/// <summary>An uploaded image and its resized variants, stored under the data folder.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    public required string OriginalFileName { get; set; }

    /// <summary>Path of the stored original under the media folder, with forward slashes: "2026/11/ab12….jpg".</summary>
    public required string StoragePath { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    public required string AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }

    /// <summary>Widths of the resized copies, comma-separated ("480,960"); each is stored beside the original as name-{width}.ext.</summary>
    public string VariantWidths { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string? UploadedByUserId { get; set; }
}

public sealed class SectionSlugHistory
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int SectionId { get; set; }
    public Section Section { get; set; } = null!;
}

public sealed class TagSlugHistory
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
}
