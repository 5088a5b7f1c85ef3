using Microsoft.AspNetCore.OutputCaching;

namespace NewsSite.Web.Infrastructure.Telemetry;

/// <summary>
/// Counts the public-page policy's cache hits and misses (the ratio is in the README's alerts). The output cache
/// calls ServeFromCacheAsync only when it answers from its copy, and ServeResponseAsync when the page was rendered
/// instead; a response it never looked up (a POST, a signed-in request) is neither.
/// </summary>
public sealed class CacheHitCounter : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        SiteMetrics.CacheHits.Add(1);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheLookup)
        {
            SiteMetrics.CacheMisses.Add(1);
        }
        return ValueTask.CompletedTask;
    }
}
