namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// Counts the content changes this node has heard of, its own and (through Redis) every other node's, so that the
/// shared page store can refuse a page whose render began before a change. That render may have read the old content,
/// and the change's eviction may have found nothing to remove yet: kept, the page would be served stale, by every node,
/// until it expires (Caching:PageSeconds). The one-node store has the same guard, counting its own evictions
/// (<see cref="Caching.FilePageStore"/>). A node hears of a change before its pages are evicted: the saving node
/// evicts only once every node has acknowledged it (<see cref="Caching.RedisContentChangeSignal"/>), or after half a
/// second without an answer, which is the one case this cannot cover.
/// </summary>
public sealed class ChangesHeard(IHttpContextAccessor requests)
{
    private static readonly object HeardWhenLookedUp = new();
    private long heard;

    public void Heard() => Interlocked.Increment(ref heard);

    /// <summary>
    /// A page's look-up missed. Its render follows in the same request, so what it reads is at least as new as the
    /// changes heard by now.
    /// </summary>
    public void NoteMiss()
    {
        if (requests.HttpContext is { } request)
        {
            request.Items[HeardWhenLookedUp] = Volatile.Read(ref heard);
        }
    }

    /// <summary>
    /// Whether this request's page may predate a change: one was heard since its look-up missed, or it did not look up
    /// itself (the output cache merged its look-up with another request's) and cannot say. Outside a request (tests,
    /// tools) there is nothing to compare: false.
    /// </summary>
    public bool MayHaveChangedSinceTheLookUp() =>
        requests.HttpContext is { } request
        && !(request.Items.TryGetValue(HeardWhenLookedUp, out var then) && then is long count && count == Volatile.Read(ref heard));
}
