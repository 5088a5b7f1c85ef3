using System.Threading.RateLimiting;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// Rate-limit partitions whose counts live in the <see cref="IAttemptCounter"/> instead of in ASP.NET Core's own
/// per-process limiters: with a shared counter, several nodes behind a load balancer enforce one limit between them,
/// not one each. Policies still use <c>[EnableRateLimiting]</c>, the middleware and its 429 answer.
/// </summary>
public static class CountedRateLimit
{
    /// <summary>At most <paramref name="permitLimit"/> requests per client address (IPv6 per /64) in any <paramref name="window"/>.</summary>
    public static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permitLimit, TimeSpan window)
    {
        var counter = context.RequestServices.GetRequiredService<IAttemptCounter>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return RateLimitPartition.Get($"rate:{policy}:{ClientAddress.PartitionKey(context)}",
            key => new CountedLimiter(counter, clock, key, permitLimit, window));
    }

    /// <summary>
    /// Decides only asynchronously, because the count may live in another process: the middleware asks
    /// synchronously first, hears "not yet", and then awaits <see cref="AcquireAsyncCore"/>.
    /// </summary>
    private sealed class CountedLimiter(IAttemptCounter counter, TimeProvider clock, string key, int permitLimit, TimeSpan window) : RateLimiter
    {
        private long lastUsed = clock.GetTimestamp();

        // Holds no counts of its own, so the partitioned limiter may drop it whenever it has been idle a while.
        public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Undecided;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref lastUsed, clock.GetTimestamp());
            var count = await counter.AddAsync(key, window, cancellationToken);
            return count <= permitLimit ? Lease.Granted : Lease.Refused;
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);
        public static readonly Lease Undecided = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
