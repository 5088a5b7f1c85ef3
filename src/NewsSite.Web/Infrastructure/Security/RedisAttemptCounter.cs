using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Redis;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// The counts in Redis, shared by every node: a sorted set per key of attempt times, pruned to the window and
/// counted in one script, so two nodes adding at once never both see "one under the limit".
/// <para>
/// When Redis is away the counts fall back to this node's memory rather than failing open or closed. Failing open
/// would hand a password guesser unlimited tries exactly when Redis is down (the sign-in throttle protects accounts);
/// failing closed would refuse every sign-in and signup on a healthy site. In memory every limit still holds per
/// node, so the cluster allows at most the limit times the number of nodes until Redis is back.
/// </para>
/// </summary>
public sealed class RedisAttemptCounter(IConnectionMultiplexer redis, IOptions<RedisOptions> options, TimeProvider clock, RedisOutage outage)
    : IAttemptCounter
{
    // Same cap as in memory: enough to tell "a few" from "too many", and an attacker cannot grow one key without bound.
    private const int MaxPerKey = 1_000;
    private const string Fallback = "throttles and rate limits count on this node only";

    private static readonly LuaScript Add = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (tonumber(@now) - tonumber(@window)))
        redis.call('ZADD', @key, @now, @member)
        local n = redis.call('ZCARD', @key)
        if n > tonumber(@max) then
            redis.call('ZREMRANGEBYRANK', @key, 0, n - tonumber(@max) - 1)
            n = tonumber(@max)
        end
        redis.call('PEXPIRE', @key, @window)
        return n
        """);

    private static readonly LuaScript Count = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (tonumber(@now) - tonumber(@window)))
        local latest = redis.call('ZRANGE', @key, -1, -1, 'WITHSCORES')
        return { redis.call('ZCARD', @key), latest[2] or '' }
        """);

    private readonly MemoryAttemptCounter local = new(clock);
    private readonly string prefix = options.Value.InstanceName + "attempts:";

    public async ValueTask<int> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = NowMilliseconds();
        try
        {
            var result = await Database().ScriptEvaluateAsync(Add, new
            {
                key = (RedisKey)(prefix + key),
                now,
                window = (long)window.TotalMilliseconds,
                member = $"{now}:{Guid.NewGuid():n}",
                max = MaxPerKey,
            });
            outage.Succeeded();
            return (int)result;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return await local.AddAsync(key, window, cancellationToken);
        }
    }

    public async ValueTask<RecentAttempts> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await Database().ScriptEvaluateAsync(Count, new
            {
                key = (RedisKey)(prefix + key),
                now = NowMilliseconds(),
                window = (long)window.TotalMilliseconds,
            }))!;
            outage.Succeeded();
            var latest = (string?)result[1];
            return new RecentAttempts((int)result[0],
                string.IsNullOrEmpty(latest) ? null : DateTime.UnixEpoch.AddMilliseconds(double.Parse(latest, System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return await local.CountAsync(key, window, cancellationToken);
        }
    }

    public async ValueTask ResetAsync(string key, CancellationToken cancellationToken)
    {
        await local.ResetAsync(key, cancellationToken);
        try
        {
            await Database().KeyDeleteAsync(prefix + key);
            outage.Succeeded();
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
        }
    }

    // Fails at once while disconnected (the connection has no backlog), which lands in the fallbacks above.
    private IDatabase Database() => redis.GetDatabase();

    // The node's clock, not Redis's: the throttle compares these times with its own clock (and tests move it).
    private long NowMilliseconds() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
