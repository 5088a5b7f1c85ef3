using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Telemetry;

/// <summary>
/// What the site's gauges read, for this running site. A scrape never waits for the database: it gets the last
/// outbox count, and a count older than Telemetry:OutboxDepthSeconds starts a new one in the background (one at a
/// time), so a scraper every few seconds costs one indexed count per period however large the outbox grows.
/// </summary>
public sealed class TelemetryGauges(IServiceScopeFactory scopes, DataPaths paths, TimeProvider clock, IOptions<TelemetryOptions> options, ILogger<TelemetryGauges> logger) : IHostedService
{
    // Null: not counted yet, or the last count failed. countedAt 0: never counted.
    private OutboxQueue? queued;
    private long countedAt;
    private int counting;

    public sealed record OutboxQueue(long Due, long Waiting);

    public OutboxQueue? OutboxQueued()
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref countedAt);
        if ((last == 0 || clock.GetElapsedTime(last, now).TotalSeconds >= options.Value.OutboxDepthSeconds) &&
            Interlocked.CompareExchange(ref counting, 1, 0) == 0)
        {
            _ = Task.Run(CountOutboxAsync);
        }
        return Volatile.Read(ref queued);
    }

    private async Task CountOutboxAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            // Both served by the (Status, IsBulk, NextAttemptAt) index.
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = await db.Outbox.LongCountAsync(m => m.Status == OutboxStatus.Pending);
            var due = await db.Outbox.LongCountAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now);
            Volatile.Write(ref queued, new OutboxQueue(due, Math.Max(0, pending - due)));
        }
        catch (Exception exception)
        {
            // Unknown is better than stale: the gauge disappears, and the site-down alert says why.
            Volatile.Write(ref queued, null);
            logger.LogDebug(exception, "Counting the outbox for the queue-depth gauge failed");
        }
        finally
        {
            Interlocked.Exchange(ref countedAt, clock.GetTimestamp());
            Volatile.Write(ref counting, 0);
        }
    }

    // statvfs on the folder itself: the disk it is mounted on, whatever that is. Cheap enough to ask at every scrape.
    public long? DiskFree() => Disk()?.AvailableFreeSpace;

    public long? DiskSize() => Disk()?.TotalSize;

    private DriveInfo? Disk()
    {
        try
        {
            var drive = new DriveInfo(paths.DataDirectory);
            return drive.IsReady ? drive : null;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        SiteMetrics.Add(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SiteMetrics.Remove(this);
        return Task.CompletedTask;
    }
}
