using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NewsSite.Web.Infrastructure.Telemetry;

/// <summary>
/// The site's own instruments, all in one place: the meter and activity source "NewsSite" that TelemetrySetup
/// listens to. Recording costs next to nothing while nobody listens, and a counter's Add is a few interlocked
/// operations while someone does. Tags are few and fixed (never a path or an address), so series stay few.
/// The names below become Prometheus's with dots as underscores, the unit as a suffix and "_total" on counters
/// (newssite.outbox.sent → newssite_outbox_sent_total); the README's alert rules use those.
/// </summary>
public static class SiteMetrics
{
    public const string Name = "NewsSite";

    public static readonly Meter Meter = new(Name);

    /// <summary>Spans around the background rounds (outbox sending, the scheduler); made only while a tracer listens (Telemetry:OtlpEndpoint).</summary>
    public static readonly ActivitySource Activities = new(Name);

    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "newssite.output_cache.hits", "{request}", "Public pages answered from the output cache");

    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "newssite.output_cache.misses", "{request}", "Public pages looked up in the output cache and rendered because no copy was there");

    public static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "newssite.outbox.sent", "{message}", "Messages the mail server accepted");

    /// <summary>Tag <c>reason</c>: <c>refused</c> (the server said no to this message; it retries or fails) or <c>unreachable</c> (no server to talk to; it waits).</summary>
    public static readonly Counter<long> MessagesFailed = Meter.CreateCounter<long>(
        "newssite.outbox.failed", "{message}", "Attempts to send a message that did not succeed");

    /// <summary>Tag <c>kind</c>: <c>hard</c> or <c>soft</c>.</summary>
    public static readonly Counter<long> Bounces = Meter.CreateCounter<long>(
        "newssite.newsletter.bounces", "{bounce}", "Bounces recorded, at sending time or from the bounce mailbox");

    public static readonly Counter<long> Complaints = Meter.CreateCounter<long>(
        "newssite.newsletter.complaints", "{complaint}", "Spam complaints (ARF reports) recorded");

    public static readonly Histogram<double> SchedulerLateness = Meter.CreateHistogram(
        "newssite.scheduler.lateness", "s", "How long after its time a scheduled story went live",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 3600] });

    // The gauges ask the running site (TelemetryGauges). One site per process in production; the tests start many,
    // each adding and removing its own readings as it starts and stops.
    private static ImmutableList<TelemetryGauges> gauges = [];

    /// <summary>
    /// Tag <c>state</c>: <c>due</c> (its time has come: the sender should be on it) or <c>waiting</c> (a retry's
    /// backoff, a wait for an unreachable server, or claimed by a sender right now). Their sum is the queue's depth;
    /// "due" that stays above zero with nothing sent is a stuck queue.
    /// </summary>
    public static readonly ObservableGauge<long> OutboxQueued = Meter.CreateObservableGauge(
        "newssite.outbox.queued", ObserveOutbox, "{message}", "Messages waiting to be sent (counted every Telemetry:OutboxDepthSeconds at most)");

    public static readonly ObservableGauge<long> DiskFree = Meter.CreateObservableGauge(
        "newssite.data_disk.free", () => Observe(g => g.DiskFree()), "By", "Free space on the disk of the data folder (database, media, logs)");

    public static readonly ObservableGauge<long> DiskSize = Meter.CreateObservableGauge(
        "newssite.data_disk.size", () => Observe(g => g.DiskSize()), "By", "Size of the disk of the data folder");

    internal static void Add(TelemetryGauges source) => ImmutableInterlocked.Update(ref gauges, list => list.Add(source));

    internal static void Remove(TelemetryGauges source) => ImmutableInterlocked.Update(ref gauges, list => list.Remove(source));

    private static readonly KeyValuePair<string, object?> Due = new("state", "due");
    private static readonly KeyValuePair<string, object?> Waiting = new("state", "waiting");

    private static IEnumerable<Measurement<long>> ObserveOutbox()
    {
        foreach (var source in gauges)
        {
            if (source.OutboxQueued() is { } queue)
            {
                yield return new Measurement<long>(queue.Due, Due);
                yield return new Measurement<long>(queue.Waiting, Waiting);
            }
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<TelemetryGauges, long?> read)
    {
        foreach (var source in gauges)
        {
            if (read(source) is { } value)
            {
                yield return new Measurement<long>(value);
            }
        }
    }
}
