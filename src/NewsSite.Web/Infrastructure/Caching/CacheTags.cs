namespace NewsSite.Web.Infrastructure.Caching;

public static class CacheTags
{
    /// <summary>Every public page that shows content. Pages share lists (front page, related, sidebars), so any change evicts them all.</summary>
    public const string Content = "content";

    public const string PublicPagePolicy = "public-page";
}
