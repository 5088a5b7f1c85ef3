using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// Degraded, never Unhealthy, when Redis is away: the node still serves every page (rendered, uncached) and counts
/// limits on its own, so a load balancer should keep sending it readers, while monitoring says what is missing. The
/// answer is public, so it names Redis but not where it runs.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        const string fallback = "pages are rendered uncached and rate limits count on this node only";
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Degraded($"Redis is not connected: {fallback}.");
        }
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            return HealthCheckResult.Degraded($"Redis does not answer: {fallback}.", exception);
        }
    }
}
