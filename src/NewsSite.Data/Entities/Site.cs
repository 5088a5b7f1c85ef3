namespace NewsSite.Data.Entities;

/// <summary>
/// What a static page is for. The policy kinds are linked from the paper's NewsMediaOrganization JSON-LD
/// (publishingPrinciples, ethicsPolicy, correctionsPolicy, masthead, ownershipFundingInfo, …); at most one page has each.
/// </summary>
public enum PageKind
{
    Other = 0,
    About = 1,
    Contact = 2,
    Masthead = 3,
    EthicsPolicy = 4,
    CorrectionsPolicy = 5,
    Privacy = 6,
    OwnershipFunding = 7,
    PublishingPrinciples = 8,
    DiversityPolicy = 9,
    UnnamedSourcesPolicy = 10,
    FactCheckingPolicy = 11,
    ActionableFeedbackPolicy = 12,
}

/// <summary>An editable page outside the news: About, Contact, the masthead, the paper's policies.</summary>
public sealed class StaticPage
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public PageKind Kind { get; set; }
    public string BodyMarkdown { get; set; } = "";

    // Rendered and sanitised at save.
    public string BodyHtml { get; set; } = "";
    public bool IsPublished { get; set; }

    /// <summary>Linked from every page's footer, in this order.</summary>
    public bool ShowInFooter { get; set; }
    public int FooterPosition { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// The paper's settings as administrators set them on the settings page: one row (Id 1). A null value means the
/// configured default applies, so configuration still seeds a fresh site.
/// </summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string? PaperName { get; set; }
    public string? Tagline { get; set; }
    public int? LogoMediaId { get; set; }
    public MediaItem? LogoMedia { get; set; }

    /// <summary>An IANA time zone, such as "Europe/London".</summary>
    public string? TimeZone { get; set; }

    /// <summary>The postal address printed in every email (bulk senders must give one).</summary>
    public string? PostalAddress { get; set; }

    /// <summary>Extra footer links, one a line: "Label | https://…" or "Label | /path".</summary>
    public string? FooterLinks { get; set; }

    /// <summary>The paper's profiles elsewhere, one URL a line (sameAs).</summary>
    public string? SocialProfiles { get; set; }

    /// <summary>The paper's X handle without the @, for twitter:site.</summary>
    public string? XHandle { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>A breaking-news banner shown on every page until it expires or an editor takes it down.</summary>
public sealed class BreakingNews
{
    public int Id { get; set; }
    public required string Text { get; set; }
    public string? Url { get; set; }
    public DateTime SetAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ClearedAt { get; set; }
    public string SetByName { get; set; } = "";
}

public enum FrontPageSlot
{
    Lead = 0,
    Top = 1,
}

/// <summary>A story an editor placed on the front page: the lead, or one of the top stories in order; optionally until a time.</summary>
public sealed class FrontPagePin
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public FrontPageSlot Slot { get; set; }
    public int Position { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime PinnedAt { get; set; }
    public string PinnedByName { get; set; } = "";
}
