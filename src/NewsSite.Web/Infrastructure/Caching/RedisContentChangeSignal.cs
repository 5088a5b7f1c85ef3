using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Redis;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Several nodes: pages live in the shared Redis store, memos in each node. The node that saved drops its own memos,
/// publishes the change on a Redis channel, waits (briefly) until every subscribed node says it has dropped its memos
/// too, and only then evicts the shared pages by tag, once for the cluster. In that order no node can re-cache a page
/// built from memos it has not yet dropped. If Redis is away, the saving node still drops its own memos, and keeps the
/// tags it could not evict: it tells the other nodes and evicts them as soon as Redis answers again, because pages
/// cached before the outage are still in Redis afterwards. Only if this node stops first are those pages left to
/// expire (Caching:PageSeconds), and the other nodes' memos to the next change that reaches them.
/// </summary>
public sealed class RedisContentChangeSignal(
    IConnectionMultiplexer redis, ResilientOutputCacheStore pages, ContentCache memos, ChangesHeard changesHeard, IOptions<RedisOptions> options,
    RedisOutage outage, ILogger<RedisContentChangeSignal> logger) : BackgroundService, IContentChangeSignal
{
    // Long enough for a busy node to answer, short enough that a save is never held up noticeably by a slow one.
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMilliseconds(500);

    // A replay of evictions missed in an outage is tried a second after Redis is back, then less and less often while
    // it fails: each try has every node drop its memos.
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly RedisChannel changed = RedisChannel.Literal(options.Value.InstanceName + "content-changed");
    private readonly RedisChannel acknowledged = RedisChannel.Literal(options.Value.InstanceName + "content-changed-ack");
    private readonly ConcurrentDictionary<string, Acks> waiting = new(StringComparer.Ordinal);

    // Tags whose change did not reach the cluster, each with the number of the latest change that left it here: a
    // replay clears only what no newer change has left since it began.
    private readonly ConcurrentDictionary<string, long> unsettled = new(StringComparer.Ordinal);
    private long changes;

    public async ValueTask ContentChangedAsync(IReadOnlyCollection<string> pageTags, CancellationToken cancellationToken)
    {
        ForgetWhatWasRead();
        var change = Interlocked.Increment(ref changes);
        var told = false;
        try
        {
            // The change is committed: it must reach the cluster even if the editor's request ends now, so not the
            // request's token (every wait below is bounded).
            told = await TellTheClusterAsync(pageTags, CancellationToken.None);
        }
        finally
        {
            // Whatever went wrong (Redis away, an error reply), the tags are kept for a replay.
            if (!told)
            {
                foreach (var tag in pageTags)
                {
                    unsettled.AddOrUpdate(tag, change, (_, kept) => Math.Max(kept, change));
                }
                logger.LogWarning("The change did not reach every node through Redis: the pages tagged {Tags} are evicted when it does", pageTags);
            }
        }
        if (told)
        {
            logger.LogDebug("Evicted cached pages tagged {Tags} after a content change", pageTags);
        }
    }

    /// <summary>Every node drops its memos, then the shared pages go; false if Redis missed either.</summary>
    private async Task<bool> TellTheClusterAsync(IReadOnlyCollection<string> pageTags, CancellationToken cancellationToken)
    {
        var told = false;
        if (redis.IsConnected)
        {
            var id = Guid.NewGuid().ToString("n");
            var acks = waiting.GetOrAdd(id, _ => new Acks());
            try
            {
                var receivers = await redis.GetSubscriber().PublishAsync(changed, id);
                await acks.WaitAsync((int)receivers, AckTimeout, cancellationToken);
                told = true;
            }
            catch (Exception exception) when (RedisOutage.IsOutage(exception))
            {
                outage.Failed(exception, "content changes evict only this node's memos");
            }
            finally
            {
                waiting.TryRemove(id, out _);
            }
        }
        // Never skipped: with the other nodes untold, pages are still evicted if the store can reach Redis.
        return await pages.TryEvictAsync(pageTags, cancellationToken) && told;
    }

    private async Task ReplayMissedEvictionsAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRetry;
        while (true)
        {
            await Task.Delay(wait, stoppingToken);
            if (unsettled.IsEmpty || !redis.IsConnected)
            {
                wait = FirstRetry;
                continue;
            }
            var owed = unsettled.ToArray();
            var tags = owed.Select(entry => entry.Key).ToArray();
            try
            {
                if (await TellTheClusterAsync(tags, stoppingToken))
                {
                    foreach (var entry in owed)
                    {
                        unsettled.TryRemove(entry);
                    }
                    logger.LogInformation("Redis answers again: evicted the pages tagged {Tags}, changed while it was away", tags);
                    wait = FirstRetry;
                    continue;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // An error reply (a replica that is read-only after a failover, a server still loading) must not stop
                // the replays, nor the node with them.
                logger.LogError(exception, "Replaying the evictions missed while Redis was away failed; it is tried again");
            }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A node that was cut off may have missed changes: it drops its memos when the subscription comes back.
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                ForgetWhatWasRead();
                changesHeard.Listening = true;
            }
        };
        // Cut off, this node would not hear of changes (nor would the saving node wait for it): it keeps no pages.
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                changesHeard.Listening = false;
            }
        };
        // Listening before the node serves, so the pages it renders first can be kept; with Redis away the attempt
        // fails at once, and ExecuteAsync keeps trying.
        await TrySubscribeAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!await TrySubscribeAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
        await ReplayMissedEvictionsAsync(stoppingToken);
    }

    // A change (heard, or possibly missed): the memos go first, then the count moves, so a render that looks up after
    // the count moved reads none of them, and a page looked up before it is not kept (ChangesHeard).
    private void ForgetWhatWasRead()
    {
        memos.EvictAll();
        changesHeard.Heard();
    }

    private bool hearsAcknowledgements;
    private bool hearsChanges;

    // Each channel once (a second subscription would add a second handler). Once subscribed, the client subscribes
    // again by itself after every reconnection.
    private async Task<bool> TrySubscribeAsync()
    {
        var subscriber = redis.GetSubscriber();
        try
        {
            if (!hearsAcknowledgements)
            {
                await subscriber.SubscribeAsync(acknowledged, (_, id) =>
                {
                    if (waiting.TryGetValue(id.ToString(), out var acks))
                    {
                        acks.Add();
                    }
                });
                hearsAcknowledgements = true;
            }
            if (!hearsChanges)
            {
                await subscriber.SubscribeAsync(changed, (_, id) =>
                {
                    // Before the acknowledgement, as the saving node evicts the pages once every node has answered.
                    ForgetWhatWasRead();
                    subscriber.Publish(acknowledged, id, CommandFlags.FireAndForget);
                });
                hearsChanges = true;
                // Changes made before now went unheard: no page looked up before this is kept.
                ForgetWhatWasRead();
                changesHeard.Listening = true;
            }
            return true;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, "this node hears of no other node's content changes");
            return false;
        }
    }

    private sealed class Acks
    {
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int count;
        private int expected = int.MaxValue;

        public void Add()
        {
            if (Interlocked.Increment(ref count) >= Volatile.Read(ref expected))
            {
                all.TrySetResult();
            }
        }

        public async Task WaitAsync(int receivers, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Volatile.Write(ref expected, receivers);
            if (Volatile.Read(ref count) >= receivers)
            {
                return;
            }
            try
            {
                await all.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // A node that does not answer in time has still been told; it drops its memos when the message arrives.
            }
        }
    }
}
