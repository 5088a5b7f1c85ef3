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

    /// <summary>
    /// The article's version this revision records; for an autosave, the version it was typed on. The text of a
    /// version is the base of a three-way merge when two people save one story. Null for revisions made before it was kept.
    /// </summary>
    public int? ArticleVersion { get; set; }

    /// <summary>
    /// An autosave: one person's working copy, not yet saved to the story (nothing public changes). Each person has at
    /// most one per story, rewritten in place as they type, and removed when they save.
    /// </summary>
    public bool IsAutosave { get; set; }

    /// <summary>Everything else the editor set (section, tags, byline, hero, placement, schedule) as JSON, for diffs, merges and restoring a working copy.</summary>
    public string? Details { get; set; }
}

/// <summary>A link that shows a story as readers will see it to someone without an account, until it expires or is revoked.</summary>
public sealed class PreviewLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A note between writer and editor, kept with the story (not public).</summary>
public sealed class ArticleNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public string? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public required string Text { get; set; }
}

/// <summary>Who has a story open in the editor, refreshed while their page is open: "Maya is editing — last saved 2 min ago".</summary>
public sealed class ArticlePresence
{
    public int ArticleId { get; set; }
    public required string UserId { get; set; }
    public string Name { get; set; } = "";
    public DateTime SeenAt { get; set; }
    public DateTime? LastSavedAt { get; set; }
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

/// <summary>
/// A library image a story shows: as its picture, in its text or in one of its live entries. Kept at every save
/// (MediaUseRecorder), so the library can say where an image is used, and refuse to delete it, without reading every body.
/// </summary>
public sealed class ArticleMediaUse
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int MediaId { get; set; }
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

public enum CorrectionKind
{
    Correction = 0,
    Clarification = 1,
    Update = 2,
    EditorsNote = 3,
    Retraction = 4,
}

/// <summary>A typed, dated note on a published story: what was wrong, clarified or added. Public, and never silently removed.</summary>
public sealed class Correction
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public CorrectionKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>When the correction was made (UTC); it moves the story's dateModified.</summary>
    public DateTime At { get; set; }

    /// <summary>Shown at the top of the story rather than at its end (retractions and corrections are by default).</summary>
    public bool ShowAtTop { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>When the correction was emailed to the people who received the story in a newsletter, if it was.</summary>
    public DateTime? SentToSubscribersAt { get; set; }
}

/// <summary>A timestamped entry in a live story, posted by any of the staff covering it.</summary>
public sealed class LiveEntry
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;

    /// <summary>An optional short headline for the entry: "Bridge reopens".</summary>
    public string? Title { get; set; }
    public string BodyMarkdown { get; set; } = "";

    // Rendered and sanitised at save, like an article's body.
    public string BodyHtml { get; set; } = "";

    /// <summary>When it was posted (UTC); entries are shown newest first, pinned ones above.</summary>
    public DateTime PostedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public bool IsPinned { get; set; }

    /// <summary>Removed from the page; kept so the removal is on record.</summary>
    public DateTime? DeletedAt { get; set; }
    public string? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
}
