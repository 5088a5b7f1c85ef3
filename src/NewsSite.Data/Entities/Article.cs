namespace NewsSite.Data.Entities;

public enum ArticleStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
}

/// <summary>The type of work a story is (the Trust Project's label), shown to readers and mapped to schema.org.</summary>
public enum WorkType
{
    News = 0,
    Analysis = 1,
    Opinion = 2,
    Review = 3,
    Explainer = 4,
    Live = 5,
    Sponsored = 6,
}

public sealed class Article
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Standfirst { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    // Rendered and sanitised once at save time so that a page view never runs Markdig or the sanitiser.
    public string BodyHtml { get; set; } = "";

    // Plain text of the body: the source of the full-text index, excerpts and the reading time.
    public string BodyText { get; set; } = "";

    /// <summary>Where BodyHtml's first top-level paragraphs end (comma-separated offsets), found at save so a page view
    /// places the inline ad by cutting a string; null for a body saved before they were kept.</summary>
    public string? ParagraphEnds { get; set; }

    public int ReadingTimeMinutes { get; set; }

    public string? HeroImageUrl { get; set; }
    public string? HeroImageAlt { get; set; }
    public string? HeroImageCaption { get; set; }
    public string? HeroImageCredit { get; set; }
    public int? HeroImageWidth { get; set; }
    public int? HeroImageHeight { get; set; }

    public int SectionId { get; set; }
    public Section Section { get; set; } = null!;

    public ArticleStatus Status { get; set; }

    /// <summary>UTC. For a scheduled article, the time it is due to go out.</summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsFeatured { get; set; }

    // Sensitive stories (tragedies, crime victims) carry no advertising.
    public bool NoAds { get; set; }

    /// <summary>The library image behind the hero, when it came from there; gives the page its responsive sizes.</summary>
    public int? HeroMediaId { get; set; }
    public MediaItem? HeroMedia { get; set; }

    /// <summary>Set when a writer asks an editor to review the draft.</summary>
    public DateTime? ReviewRequestedAt { get; set; }

    /// <summary>In the trash: hidden everywhere, restorable.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>When the scheduler actually published a scheduled story; later than PublishedAt means it went out late.</summary>
    public DateTime? WentLiveAt { get; set; }

    public string? CreatedByUserId { get; set; }

    /// <summary>Optimistic concurrency: bumped at every save, so two editors cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<Correction> Corrections { get; set; } = [];

    public WorkType WorkType { get; set; }

    /// <summary>Where the reporting was done, shown before the first paragraph: "HARBOURTON".</summary>
    public string? Dateline { get; set; }

    /// <summary>"How we reported this": sources, methods, what the newsroom could not verify (schema.org backstory).</summary>
    public string? Backstory { get; set; }

    /// <summary>The "Updated" time readers see, set by an editor when the change matters to them (UTC), with its reason.</summary>
    public DateTime? ShownUpdatedAt { get; set; }
    public string? UpdateReason { get; set; }

    /// <summary>For sponsored content: who paid for it, named beside the byline.</summary>
    public string? SponsorName { get; set; }

    /// <summary>Live coverage: when the live story started taking entries, and when the newsroom ended it (UTC).</summary>
    public DateTime? LiveStartedAt { get; set; }
    public DateTime? LiveEndedAt { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;

    // The order the editor gave: the first tag is the story's main topic.
    public int Position { get; set; }
}

public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;

    // Byline order: the first author is named first.
    public int Position { get; set; }
}

/// <summary>A slug an article used to have; requests for it are redirected permanently.</summary>
public sealed class ArticleSlugHistory
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public DateTime RetiredAt { get; set; }
}
