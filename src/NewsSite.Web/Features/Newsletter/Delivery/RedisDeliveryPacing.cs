using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Redis;
using StackExchange.Redis;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>
/// Pacing for the whole cluster, kept in Redis: Outbox:Connections slots and one Newsletter:MaxPerSecond line that
/// every node's senders queue in. Times come from the Redis server, so the nodes' clocks need not agree.
/// <para>
/// A slot is a lease that its holder renews while it sends; a node killed mid-batch stops renewing, and its slots come
/// back after Redis:SlotLeaseSeconds, so the others never wait for it for ever. If Redis is away, pacing falls back to
/// this node's own (<see cref="LocalDeliveryPacing"/>): mail keeps going, at up to the limits times the nodes.
/// </para>
/// </summary>
public sealed class RedisDeliveryPacing : IDeliveryPacing, IDisposable
{
    private const string Fallback = "newsletter pacing holds per node only";

    // Drops expired leases, then takes one if fewer than the limit are held.
    private static readonly LuaScript TakeSlot = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
            redis.call('ZADD', @key, now + tonumber(@lease), @holder)
            redis.call('PEXPIRE', @key, @lease)
            return 1
        end
        return 0
        """);

    private static readonly LuaScript RenewSlot = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if redis.call('ZSCORE', @key, @holder) then
            redis.call('ZADD', @key, now + tonumber(@lease), @holder)
            redis.call('PEXPIRE', @key, @lease)
            return 1
        end
        return 0
        """);

    // The local pacing's line, shared: each caller takes the next turn and is told how many microseconds to wait.
    private static readonly LuaScript TakeTurn = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local turn = math.max(now, tonumber(redis.call('GET', @key) or '0'))
        local spacing = tonumber(@spacing)
        redis.call('SET', @key, string.format('%.0f', turn + spacing), 'PX', math.floor((turn - now + spacing) / 1000) + 1000)
        return turn - now
        """);

    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    private readonly IConnectionMultiplexer redis;
    private readonly RedisOutage outage;
    private readonly TimeProvider clock;
    private readonly LocalDeliveryPacing local;
    private readonly int connections;
    private readonly double perSecond;
    private readonly TimeSpan lease;
    private readonly RedisKey slotsKey;
    private readonly RedisKey lineKey;
    private readonly CancellationTokenSource stopping = new();

    public RedisDeliveryPacing(IConnectionMultiplexer redis, IOptions<RedisOptions> options, IOptions<OutboxOptions> outbox,
        IOptions<NewsletterOptions> newsletter, TimeProvider clock, RedisOutage outage)
    {
        this.redis = redis;
        this.outage = outage;
        this.clock = clock;
        local = new LocalDeliveryPacing(outbox, newsletter, clock);
        connections = outbox.Value.Connections;
        perSecond = newsletter.Value.MaxPerSecond;
        lease = TimeSpan.FromSeconds(options.Value.SlotLeaseSeconds);
        slotsKey = options.Value.InstanceName + "pacing:connections";
        lineKey = options.Value.InstanceName + "pacing:next-turn";
    }

    public async Task<IAsyncDisposable> TakeConnectionAsync(CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid().ToString("n");
        var poll = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                var taken = (int)await redis.GetDatabase().ScriptEvaluateAsync(TakeSlot,
                    new { key = slotsKey, limit = connections, lease = (long)lease.TotalMilliseconds, holder });
                outage.Succeeded();
                if (taken == 1)
                {
                    return new Slot(this, holder);
                }
            }
            catch (Exception exception) when (RedisOutage.IsOutage(exception))
            {
                outage.Failed(exception, Fallback);
                return await local.TakeConnectionAsync(cancellationToken);
            }
            // Slots are held for a whole share of a batch: poll gently rather than hammer Redis.
            await Task.Delay(poll, clock, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return;
        }
        long waitMicroseconds;
        try
        {
            waitMicroseconds = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeTurn,
                new { key = lineKey, spacing = (long)(1_000_000 / perSecond) });
            outage.Succeeded();
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            await local.WaitTurnAsync(cancellationToken);
            return;
        }
        if (waitMicroseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMicroseconds(waitMicroseconds), clock, cancellationToken);
        }
    }

    /// <summary>Stops renewing every slot this node holds, as a node that stops does; the slots run out on their own.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        local.Dispose();
    }

    private sealed class Slot : IAsyncDisposable
    {
        private readonly RedisDeliveryPacing pacing;
        private readonly string holder;
        private readonly ITimer renewal;
        private int released;

        public Slot(RedisDeliveryPacing pacing, string holder)
        {
            this.pacing = pacing;
            this.holder = holder;
            var every = pacing.lease / 3;
            renewal = pacing.clock.CreateTimer(_ => _ = RenewAsync(), null, every, every);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 1)
            {
                return;
            }
            await renewal.DisposeAsync();
            try
            {
                await pacing.redis.GetDatabase().SortedSetRemoveAsync(pacing.slotsKey, holder);
            }
            catch (Exception exception) when (RedisOutage.IsOutage(exception))
            {
                // The lease runs out by itself.
                pacing.outage.Failed(exception, Fallback);
            }
        }

        private async Task RenewAsync()
        {
            if (pacing.stopping.IsCancellationRequested)
            {
                await renewal.DisposeAsync();
                return;
            }
            try
            {
                await pacing.redis.GetDatabase().ScriptEvaluateAsync(RenewSlot,
                    new { key = pacing.slotsKey, holder, lease = (long)pacing.lease.TotalMilliseconds });
            }
            catch (Exception exception) when (RedisOutage.IsOutage(exception))
            {
                pacing.outage.Failed(exception, Fallback);
            }
        }
    }
}
