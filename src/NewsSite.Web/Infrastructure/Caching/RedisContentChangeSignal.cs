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
/// built from memos it has not yet dropped. If Redis is away, the saving node still drops its own memos; the other
/// nodes' pages then live at most Caching:PageSeconds.
/// </summary>
public sealed class RedisContentChangeSignal(
    IConnectionMultiplexer redis, IOutputCacheStore pages, ContentCache memos, IOptions<RedisOptions> options, RedisOutage outage,
    ILogger<RedisContentChangeSignal> logger) : BackgroundService, IContentChangeSignal
{
    // Long enough for a busy node to answer, short enough that a save is never held up noticeably by a slow one.
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMilliseconds(500);

    private readonly RedisChannel changed = RedisChannel.Literal(options.Value.InstanceName + "content-changed");
    private readonly RedisChannel acknowledged = RedisChannel.Literal(options.Value.InstanceName + "content-changed-ack");
    private readonly ConcurrentDictionary<string, Acks> waiting = new(StringComparer.Ordinal);

    public async ValueTask ContentChangedAsync(IReadOnlyCollection<string> pageTags, CancellationToken cancellationToken)
    {
        memos.EvictAll();
        if (redis.IsConnected)
        {
            var id = Guid.NewGuid().ToString("n");
            var acks = waiting.GetOrAdd(id, _ => new Acks());
            try
            {
                var receivers = await redis.GetSubscriber().PublishAsync(changed, id);
                await acks.WaitAsync((int)receivers, AckTimeout, cancellationToken);
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
        // Never skipped: the store itself turns a Redis outage into a no-op.
        await pages.EvictAsync(pageTags, cancellationToken);
        logger.LogDebug("Evicted cached pages tagged {Tags} after a content change", pageTags);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A node that was cut off may have missed changes: it drops its memos when the subscription comes back.
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                memos.EvictAll();
            }
        };
        var subscriber = redis.GetSubscriber();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Once subscribed, the client subscribes again by itself after every reconnection.
                await subscriber.SubscribeAsync(changed, (_, id) =>
                {
                    memos.EvictAll();
                    subscriber.Publish(acknowledged, id, CommandFlags.FireAndForget);
                });
                await subscriber.SubscribeAsync(acknowledged, (_, id) =>
                {
                    if (waiting.TryGetValue(id.ToString(), out var acks))
                    {
                        acks.Add();
                    }
                });
                return;
            }
            catch (Exception exception) when (RedisOutage.IsOutage(exception))
            {
                outage.Failed(exception, "this node hears of no other node's content changes");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
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
