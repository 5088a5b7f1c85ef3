namespace NewsSite.Data.Entities;

/// <summary>Where a page view came from, judged from the Referer (and a newsletter's <c>utm_medium=email</c>) only.</summary>
public enum ReferrerClass
{
    Direct = 0,

    /// <summary>Another page of this paper.</summary>
    Internal = 1,
    Search = 2,

    /// <summary>Google News and Discover (news.google.com, the Google app).</summary>
    GoogleNews = 3,
    Social = 4,

    /// <summary>A link in one of the paper's newsletter issues.</summary>
    Newsletter = 5,
    OtherSite = 6,
}

/// <summary>
/// Page views of one page from one class of source within one hour (UTC), summed over every node's batches: nothing
/// about the reader is kept, not even a hash. Each node adds its in-memory counts with an upsert, so nodes add up.
/// </summary>
public sealed class PageViewCount
{
    public long Id { get; set; }

    /// <summary>UTC, truncated to the hour.</summary>
    public DateTime Hour { get; set; }

    /// <summary>The page's path, lower-cased, without the query string.</summary>
    public required string Path { get; set; }

    /// <summary>The story the page is, when it is one; null for the front page, section pages and the like.</summary>
    public int? ArticleId { get; set; }
    public ReferrerClass Source { get; set; }
    public long Views { get; set; }
}
