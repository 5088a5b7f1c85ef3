using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>
/// The site's meter is one per process and its gauges read every running site, so these tests run alone, after the
/// parallel ones, where no other site's numbers mix with theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary>A site whose scrapers live in 2001:db8:aaaa::/48, behind a trusted proxy at 192.0.2.10; its mail server starts when a test says.</summary>
public sealed class MetricsSiteFactory : SmtpSiteFactory
{
    public const string ScraperNetwork = "2001:db8:aaaa::/48";
    public const string Scraper = "2001:db8:aaaa::7";
    public const string Proxy = "192.0.2.10";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Telemetry:MetricsNetworks:0"] = ScraperNetwork,
        ["Telemetry:OutboxDepthSeconds"] = "0.1",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["Publishing:CheckSeconds"] = "0.5",
    };
}

/// <summary>A site that sends traces and metrics to a collector (nobody listens there: export failures are the SDK's to swallow).</summary>
public sealed class TracedSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" };
}

[Collection(MetricsCollection.Name)]
public sealed partial class MetricsTests(MetricsSiteFactory site) : IClassFixture<MetricsSiteFactory>
{
    [Fact]
    public async Task Metrics_AreReadByTheScrapersNetwork_DirectOrThroughTheTrustedProxy_AndHiddenFromEveryoneElse()
    {
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(StaffClient.Anonymous(site).From(MetricsSiteFactory.Scraper))).StatusCode);

        var viaProxy = StaffClient.Anonymous(site).From(MetricsSiteFactory.Proxy);
        viaProxy.Http.DefaultRequestHeaders.Add("X-Forwarded-For", MetricsSiteFactory.Scraper);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(viaProxy)).StatusCode);

        // The header is believed only from the proxy: anyone else claiming the scraper's address is nobody special.
        var forger = StaffClient.Anonymous(site).From("2001:db8:bbbb::1");
        forger.Http.DefaultRequestHeaders.Add("X-Forwarded-For", MetricsSiteFactory.Scraper);
        var forged = await ScrapeAsync(forger);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.DoesNotContain("newssite_", await forged.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(StaffClient.Anonymous(site).From("2001:db8:bbbb::2"))).StatusCode);
    }

    [Fact]
    public async Task Scrape_ShowsCacheHits_QueuedAndSentMail_AndALateStory()
    {
        var scraper = StaffClient.Anonymous(site).From(MetricsSiteFactory.Scraper);
        var reader = StaffClient.Anonymous(site).Http;
        // What a tracer (Telemetry:OtlpEndpoint) would be given.
        var spans = new ConcurrentQueue<string>();
        using var tracer = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "NewsSite",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.Recorded) { spans.Enqueue(activity.DisplayName); } },
        };
        ActivitySource.AddActivityListener(tracer);

        // The output cache answers the second and third requests.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
        }

        // The mail server is down: the confirmations wait in the outbox, and the gauge counts them. It will refuse one.
        var email = $"metrics-{Guid.NewGuid():n}@example.org";
        var bouncing = $"metrics-gone-{Guid.NewGuid():n}@example.org";
        site.Smtp.Reject(bouncing, 550);
        foreach (var address in new[] { email, bouncing })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", address)]))).StatusCode);
        }
        var queued = await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending));
        Assert.True(queued > 0);
        await Poll.UntilAsync(async () => Value(await TextAsync(scraper), "newssite_outbox_queued") == queued ? "counted" : null,
            TimeSpan.FromSeconds(15), $"the queue-depth gauge to show {queued}");
        await Poll.UntilAsync(async () => Value(await TextAsync(scraper), "newssite_outbox_failed_total", "reason=\"unreachable\"") > 0 ? "counted" : null,
            TimeSpan.FromSeconds(15), "a failed attempt while the mail server is down");

        await site.Smtp.StartAsync();
        await site.Smtp.WaitForAsync(email, "Confirm your subscription", TimeSpan.FromSeconds(30));

        // A complaint (as the bounce mailbox would record from an ARF report).
        await site.WithDbAsync((_, services) => services.GetRequiredService<BounceRecorder>().RecordAsync(
            new BounceReport(email, DeliveryEventKind.Complaint, DeliveryEventSource.Arf, "spam"), CancellationToken.None));

        // A story whose time passed five minutes ago goes out late.
        await new ArticleBuilder().Titled($"Late story {Guid.NewGuid():n}").ScheduledFor(DateTime.UtcNow.AddMinutes(-5)).SaveAsync(site);

        var text = await Poll.UntilAsync(async () =>
        {
            var scraped = await TextAsync(scraper);
            return Value(scraped, "newssite_outbox_sent_total") > 0 && Value(scraped, "newssite_outbox_queued") == 0 &&
                Value(scraped, "newssite_newsletter_bounces_total", "kind=\"hard\"") > 0 && Value(scraped, "newssite_outbox_failed_total", "reason=\"refused\"") > 0 &&
                Value(scraped, "newssite_scheduler_lateness_seconds_count") > 0 ? scraped : null;
        }, TimeSpan.FromSeconds(30), "the sent message, the refused one and its bounce, the empty queue and the late story in the metrics");

        Assert.True(Value(text, "newssite_output_cache_hits_total") >= 2, text);
        Assert.True(Value(text, "newssite_output_cache_misses_total") >= 1, text);
        Assert.True(Value(text, "newssite_scheduler_lateness_seconds_sum") >= 290, text);
        // Past the alert's two minutes: the 120 s bucket holds fewer than all.
        Assert.True(Value(text, "newssite_scheduler_lateness_seconds_bucket", "le=\"120\"") < Value(text, "newssite_scheduler_lateness_seconds_count"), text);
        Assert.True(Value(text, "newssite_data_disk_free_bytes") > 0, text);
        Assert.True(Value(text, "newssite_data_disk_size_bytes") >= Value(text, "newssite_data_disk_free_bytes"), text);
        Assert.True(Value(text, "http_server_request_duration_seconds_count", "http_route=\"/\"") >= 3, text);
        // Requests are told apart by route template, never by path: no article address becomes a series.
        Assert.DoesNotContain("url_path", text);
        Assert.Contains("outbox send round", spans);
        Assert.Contains("scheduler round", spans);
        Assert.True(Value(text, "newssite_newsletter_complaints_total") > 0, text);
        Assert.NotNull(Value(text, "newssite_outbox_queued", "state=\"due\""));

        // The README's alert rules name only what the endpoint really prints.
        var rules = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "prometheus", "alerts.yml"));
        var names = MetricName().Matches(rules).Select(m => m.Value).Distinct().ToList();
        Assert.True(names.Count >= 8, string.Join(", ", names));
        Assert.All(names, name => Assert.True(Value(text, name) is not null, $"{name} (alerts.yml) is not in the scrape:\n{text}"));
    }

    [Fact]
    public void WithoutAnOtlpCollector_NoTracerListens()
    {
        Assert.Null(site.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Scrape_IsNeverCachedNorRevalidated()
    {
        var scraper = StaffClient.Anonymous(site).From(MetricsSiteFactory.Scraper);

        var response = await ScrapeAsync(scraper);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Null(response.Headers.ETag);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(newssite_[a-z_]+)\b(?=[{\[ )])")]
    private static partial System.Text.RegularExpressions.Regex MetricName();

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NewsSite.sln")))
        {
            root = root.Parent;
        }
        return root?.FullName ?? throw new InvalidOperationException("No NewsSite.sln above " + AppContext.BaseDirectory);
    }

    private static Task<HttpResponseMessage> ScrapeAsync(StaffClient client) => client.Http.GetAsync("/metrics");

    private static async Task<string> TextAsync(StaffClient client)
    {
        var response = await ScrapeAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples in Prometheus text, over the lines carrying <paramref name="label"/> if given; null when absent.</summary>
    private static double? Value(string text, string name, string? label = null)
    {
        var samples = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 0 ? null : samples.Sum();
    }
}

/// <summary>
/// A class of its own, so its site never runs beside MetricsTests' one: ASP.NET Core's meters are one per site, and a
/// second site's going away would take the first one's request metrics with it in the same process.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class TracingTests(TracedSiteFactory traced) : IClassFixture<TracedSiteFactory>
{
    [Fact]
    public async Task WithAnOtlpCollector_ATracerListens_AndTheSiteServes()
    {
        Assert.NotNull(traced.Services.GetService<TracerProvider>());
        Assert.Equal(HttpStatusCode.OK, (await traced.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
    }
}
