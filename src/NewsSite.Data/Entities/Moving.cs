namespace NewsSite.Data.Entities;

/// <summary>
/// An address from the paper's previous system (a WordPress permalink or <c>/?p=123</c>, a Ghost URL) that answers
/// with a permanent redirect to where the content lives now.
/// </summary>
public sealed class LegacyRedirect
{
    public int Id { get; set; }

    /// <summary>The old path, lower-cased, without a trailing slash; with its query when the query names the content (<c>/?p=123</c>).</summary>
    public required string Path { get; set; }

    /// <summary>The path on this site to send readers to.</summary>
    public required string Target { get; set; }

    /// <summary>The system it came from: "wordpress", "ghost".</summary>
    public required string Source { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// What an import brought in, by its id in the source system: a second run of the same export finds these and
/// changes nothing.
/// </summary>
public sealed class ImportedItem
{
    public long Id { get; set; }

    /// <summary>"wordpress", "ghost", "newssite".</summary>
    public required string Source { get; set; }

    /// <summary>"post", "page", "section", "tag", "author", "media", "subscriber", …</summary>
    public required string Kind { get; set; }
    public required string ExternalId { get; set; }

    /// <summary>The id of the row it became here (an Article, StaticPage, Section, Tag, Author, MediaItem, Subscriber).</summary>
    public int LocalId { get; set; }
    public DateTime ImportedAt { get; set; }
}
