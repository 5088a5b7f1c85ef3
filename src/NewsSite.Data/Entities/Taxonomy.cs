namespace NewsSite.Data.Entities;

public sealed class Section
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int Position { get; set; }
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
