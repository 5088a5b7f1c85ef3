using System.Threading.RateLimiting;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>
/// Bounds the CPU the live preview can take: it renders on every pause in typing, so a few renders at once per node,
/// and any more are told to try again (the browser keeps the last preview). It guards this process's own CPU, so its
/// state is rightly per process.
/// </summary>
public sealed class PreviewThrottle
{
    public PreviewThrottle() => Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, Environment.ProcessorCount / 2),
        QueueLimit = 0,
    });

    public RateLimiter Limiter { get; }
}
