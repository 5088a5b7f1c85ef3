using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// Says when Redis fails, without a line per request: while Redis is down every page and every rate limit would
/// otherwise log the same error. The first failure is a warning, then at most one a minute until it works again.
/// </summary>
public sealed class RedisOutage(TimeProvider clock, ILogger<RedisOutage> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private long nextWarning;
    private int failing;

    /// <summary>Errors that mean "Redis is unavailable now" (as opposed to a bug), which callers turn into a fallback.</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or TimeoutException or ObjectDisposedException;

    public void Failed(Exception exception, string fallback)
    {
        Interlocked.Exchange(ref failing, 1);
        var now = clock.GetTimestamp();
        var next = Interlocked.Read(ref nextWarning);
        if (now >= next && Interlocked.CompareExchange(ref nextWarning, now + (long)(Quiet.TotalSeconds * clock.TimestampFrequency), next) == next)
        {
            logger.LogWarning(exception, "Redis is unavailable ({Reason}); {Fallback} until it is back", exception.Message, fallback);
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref failing, 0) == 1)
        {
            Interlocked.Exchange(ref nextWarning, 0);
            logger.LogInformation("Redis answers again");
        }
    }
}
