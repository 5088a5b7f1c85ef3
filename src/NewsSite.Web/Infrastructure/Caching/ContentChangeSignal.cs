using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Tells every node serving the site that content changed, so each drops its memos and the pages filed under the given
/// tags (CacheTags; <see cref="CacheTags.Content"/> is every page) are evicted. A seam, because
/// "every node" is this process on one machine, and a shared cache plus a broadcast when several nodes serve the site.
/// </summary>
public interface IContentChangeSignal
{
    ValueTask ContentChangedAsync(IReadOnlyCollection<string> pageTags, CancellationToken cancellationToken);
}

/// <summary>One node: the output cache and the memo cache live in this process.</summary>
public sealed class LocalContentChangeSignal(IOutputCacheStore pages, ContentCache memos, ILogger<LocalContentChangeSignal> logger) : IContentChangeSignal
{
    public async ValueTask ContentChangedAsync(IReadOnlyCollection<string> pageTags, CancellationToken cancellationToken)
    {
        memos.EvictAll();
        await pages.EvictAsync(pageTags, cancellationToken);
        logger.LogDebug("Evicted cached pages tagged {Tags} after a content change", pageTags);
    }
}

public static class PageEviction
{
    public static async ValueTask EvictAsync(this IOutputCacheStore pages, IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            await pages.EvictByTagAsync(tag, cancellationToken);
        }
    }
}
