namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// Counts the content changes this node has heard of, its own and (through Redis) every other node's, so that the
/// shared page store can refuse a page whose render began before a change. That render may have read the old content,
/// and the change's eviction may have found nothing to remove yet: kept, the page would be served stale, by every node,
/// until it expires (Caching:PageSeconds). The one-node store has the same guard, counting its own evictions
/// (<see cref="Caching.FilePageStore"/>). A node hears of a change before its pages are evicted: the saving node
/// evicts once every listening node has acknowledged it (<see cref="Caching.RedisContentChangeSignal"/>). While this
/// node is not listening (starting, or its subscription cut off) it keeps no page at all. Left uncovered: a node that
/// takes more than half a second to acknowledge, and a page whose removal (below) is lost to an outage.
/// </summary>
public sealed class ChangesHeard(IHttpContextAccessor requests)
{
    private static readonly object HeardWhenLookedUp = new();
    private long heard;
    private int listening;

    /// <summary>Called after the change's memos are gone, so a render that looks up after this reads none of them.</summary>
    public void Heard() => Interlocked.Increment(ref heard);

    /// <summary>Whether this node hears the other nodes' changes now.</summary>
    public bool Listening
    {
        get => Volatile.Read(ref listening) == 1;
        set => Volatile.Write(ref listening, value ? 1 : 0);
    }

    /// <summary>
    /// A page was looked up. If it is rendered next in the same request (a miss, or a stored page the output cache
    /// cannot use), what it reads is at least as new as the changes heard by now.
    /// </summary>
    public void NoteLookUp()
    {
        if (requests.HttpContext is { } request)
        {
            request.Items[HeardWhenLookedUp] = Volatile.Read(ref heard);
        }
    }

    /// <summary>
    /// Whether this request's page may predate a change: one was heard since its look-up, or it did not look up itself
    /// (the output cache merged its look-up with another request's) and cannot say, or this node is not listening.
    /// Outside a request (tests, tools) there is nothing to compare: false.
    /// </summary>
    public bool MayHaveChangedSinceTheLookUp() =>
        requests.HttpContext is { } request
        && !(Listening && request.Items.TryGetValue(HeardWhenLookedUp, out var then) && then is long count && count == Volatile.Read(ref heard));
}
