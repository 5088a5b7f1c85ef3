namespace NewsSite.Data.Entities;

public sealed class Section
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int Position { get; set; }

    /// <summary>Left out of the site's navigation (the section's pages still work); set on the site settings page.</summary>
    public bool HiddenFromNavigation { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
}

public sealed class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Bio { get; set; } = "";
    public string? PhotoUrl { get; set; }

    /// <summary>The library image behind the byline photo, when it came from there (gives responsive sizes).</summary>
    public int? PhotoMediaId { get; set; }
    public MediaItem? PhotoMedia { get; set; }

    public string? JobTitle { get; set; }

    /// <summary>Areas of expertise, comma-separated as typed: "Transport, city hall".</summary>
    public string? Expertise { get; set; }

    /// <summary>A public address readers may write to (never the sign-in address unless the person chose it).</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Public profiles elsewhere, one URL a line (schema.org sameAs).</summary>
    public string? ProfileLinks { get; set; }

    /// <summary>The X handle without the @, for twitter:creator.</summary>
    public string? XHandle { get; set; }
}

public sealed class AdSlot
{
    public int Id { get; set; }

    /// <summary>Where the ad goes, such as <c>article-inline</c> or <c>sidebar</c>; see <see cref="AdPlacements"/>.</summary>
    public required string Placement { get; set; }

    // Trusted HTML from an editor with the ad permission; it is rendered as is.
    public string Html { get; set; } = "";
    public bool IsEnabled { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class AdPlacements
{
    public const string ArticleInline = "article-inline";
    public const string Sidebar = "sidebar";
    public static readonly IReadOnlyList<string> All = [ArticleInline, Sidebar];
}
