using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Tells every node serving the site that content changed, so each drops its cached pages and memos. A seam, because
/// "every node" is this process on one machine, and a shared cache plus a broadcast when several nodes serve the site.
/// </summary>
public interface IContentChangeSignal
{
    ValueTask ContentChangedAsync(CancellationToken cancellationToken);
}

/// <summary>One node: the output cache and the memo cache live in this process.</summary>
public sealed class LocalContentChangeSignal(IOutputCacheStore pages, ContentCache memos, ILogger<LocalContentChangeSignal> logger) : IContentChangeSignal
{
    public async ValueTask ContentChangedAsync(CancellationToken cancellationToken)
    {
        memos.EvictAll();
        await pages.EvictByTagAsync(CacheTags.Content, cancellationToken);
        logger.LogDebug("Evicted cached pages after a content change");
    }
}
