using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// Says when Redis fails, without a line per request: while Redis is down every page and every rate limit would
/// otherwise log the same error. The first failure is a warning, then at most one a minute until it works again.
/// </summary>
public sealed class RedisOutage(TimeProvider clock, ILogger<RedisOutage> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    // Back only after this long without a failure: a Redis that refuses writes (full, say) still answers reads, and
    // each page would otherwise say "unavailable" and "answers again" in turn.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(10);

    private long nextWarning;
    private long lastFailure;
    private int failing;

    /// <summary>
    /// Errors that mean "Redis is unavailable now" (as opposed to a bug), which callers turn into a fallback: no
    /// connection, no answer in time, or a server that is there but refuses the command for a while, such as one at
    /// its maxmemory under the default policy (OOM), a replica after a failover (READONLY), a server still loading its
    /// data or unable to save it. Other error replies (a wrong type, a bad script) are bugs and stay loud.
    /// </summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or TimeoutException or ObjectDisposedException
        || exception is RedisServerException { Message: var reply } && RefusalsForAWhile.Any(code => reply.StartsWith(code, StringComparison.Ordinal));

    // The error codes Redis starts such replies with.
    private static readonly string[] RefusalsForAWhile = ["OOM ", "READONLY ", "LOADING ", "MISCONF ", "MASTERDOWN ", "BUSY ", "NOREPLICAS ", "TRYAGAIN ", "CLUSTERDOWN "];

    public void Failed(Exception exception, string fallback)
    {
        var now = clock.GetTimestamp();
        Interlocked.Exchange(ref lastFailure, now);
        Interlocked.Exchange(ref failing, 1);
        var next = Interlocked.Read(ref nextWarning);
        if (now >= next && Interlocked.CompareExchange(ref nextWarning, now + Ticks(Quiet), next) == next)
        {
            logger.LogWarning(exception, "Redis is unavailable ({Reason}); {Fallback} until it is back", exception.Message, fallback);
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref failing) == 1 && clock.GetTimestamp() - Interlocked.Read(ref lastFailure) >= Ticks(Settled)
            && Interlocked.Exchange(ref failing, 0) == 1)
        {
            Interlocked.Exchange(ref nextWarning, 0);
            logger.LogInformation("Redis answers again");
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}
