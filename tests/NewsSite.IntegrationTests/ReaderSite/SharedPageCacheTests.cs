using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Redis;
using StackExchange.Redis;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>
/// Two nodes as behind a load balancer: one SQLite file, one Redis (ConnectionStrings:Redis), each its own process
/// state. Pages are cached in Redis for both; a content change on one reaches the other's memos through Redis.
/// </summary>
public sealed class SharedPageCacheTests
{
    private static NodeFactory Node(string redis, string instance, string? sharedDatabase = null) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis,
        ["Redis:InstanceName"] = instance,
    }, sharedDatabase);

    [SkippableFact]
    public async Task EditThroughOneNode_IsSeenOnTheOthersCachedPages_WithinOneSecond()
    {
        var (redis, instance) = (TestServers.Redis(), TestServers.RedisInstance());
        await using var first = Node(redis, instance);
        _ = first.Services;
        await using var second = Node(redis, instance, first.ConnectionString);
        var article = await new ArticleBuilder().SaveAsync(first);
        var section = await first.WithDbAsync((db, _) => db.Sections.AsNoTracking().OrderBy(s => s.Position).FirstAsync());
        var reader = second.CreateBrowserlessClient();
        // The second node caches both pages (in Redis) and its memos (the section menu) before the edit.
        foreach (var url in new[] { "/", article.UrlOf(), "/", article.UrlOf() })
        {
            Assert.Contains(article.Title, await reader.GetStringAsync(url));
        }

        await first.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Title = $"Corrected on the first node {Guid.NewGuid():n}";
            tracked.UpdatedAt = DateTime.UtcNow;
            (await db.Sections.SingleAsync(s => s.Id == section.Id)).Name = "Renamed on the first node";
            await db.SaveChangesAsync();
            article.Title = tracked.Title;
        });

        await Poll.UntilAsync(async () =>
        {
            var front = await reader.GetStringAsync("/");
            var page = await reader.GetStringAsync(article.UrlOf());
            return front.Contains(article.Title) && page.Contains(article.Title) && SectionMenu(front).Contains("Renamed on the first node")
                && SectionMenu(page).Contains("Renamed on the first node") ? "seen" : null;
        }, TimeSpan.FromSeconds(1), "the second node to show the first node's edit");
    }

    [SkippableFact]
    public async Task PageCachedByOneNode_IsServedByTheOther_FromTheSharedStore()
    {
        var (redis, instance) = (TestServers.Redis(), TestServers.RedisInstance());
        await using var first = Node(redis, instance);
        _ = first.Services;
        await using var second = Node(redis, instance, first.ConnectionString);
        var article = await new ArticleBuilder().SaveAsync(first);
        Assert.Contains(article.Title, await first.CreateBrowserlessClient().GetStringAsync(article.UrlOf()));

        // Behind the cache's back (ExecuteUpdate evicts nothing): a page the second node rendered itself would show it.
        await second.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Changed behind the cache's back")));

        var html = await second.CreateBrowserlessClient().GetStringAsync(article.UrlOf());
        Assert.Contains(article.Title, html);
        Assert.DoesNotContain("Changed behind the cache's back", html);
    }

    [SkippableFact]
    public async Task APageRenderedAcrossAnEditOnAnotherNode_IsNotKeptInTheSharedStore_WhileOneRenderedAfterItIs()
    {
        var (redis, instance) = (TestServers.Redis(), TestServers.RedisInstance());
        await using var editors = Node(redis, instance);
        _ = editors.Services;
        await using var readers = Node(redis, instance, editors.ConnectionString);
        await ListeningAsync(editors);
        await ListeningAsync(readers);
        var article = await new ArticleBuilder().SaveAsync(editors);
        var store = readers.Services.GetRequiredService<ResilientOutputCacheStore>();
        var requests = readers.Services.GetRequiredService<IHttpContextAccessor>();
        var changes = readers.Services.GetRequiredService<ChangesHeard>();
        var (across, after, unlooked) = ($"page-{Guid.NewGuid():n}", $"page-{Guid.NewGuid():n}", $"page-{Guid.NewGuid():n}");

        // A reader's request on one node misses, and renders; an editor's save on the other node commits meanwhile.
        // (The buffer overloads, as the output cache calls them.)
        requests.HttpContext = new DefaultHttpContext();
        Assert.False(await IsStoredAsync(store, across));
        await editors.WithDbAsync(async db =>
        {
            (await db.Articles.SingleAsync(a => a.Id == article.Id)).Title = "Edited during a render on the other node";
            await db.SaveChangesAsync();
        });
        // The saving node waits half a second for the others to hear the change, and on a busy machine (CI) that can
        // pass first; this test is about what the reading node does once it has heard, so it waits for that.
        await Poll.UntilAsync(() => Task.FromResult(changes.MayHaveChangedSinceTheLookUp() ? "heard" : null),
            TimeSpan.FromSeconds(10), "the reading node to hear the edit");
        await StoreAsync(store, across, "rendered from the story before its edit");

        // The next request's render began after the edit.
        requests.HttpContext = new DefaultHttpContext();
        Assert.False(await IsStoredAsync(store, after));
        await StoreAsync(store, after, "rendered after the edit");

        // A request whose look-up the output cache merged with another's cannot say when its render began.
        requests.HttpContext = new DefaultHttpContext();
        await StoreAsync(store, unlooked, "rendered without a look-up of its own");

        requests.HttpContext = null;
        var editorsStore = editors.Services.GetRequiredService<ResilientOutputCacheStore>();
        Assert.Null(await editorsStore.GetAsync(across, CancellationToken.None));
        Assert.Equal("rendered after the edit"u8.ToArray(), await editorsStore.GetAsync(after, CancellationToken.None));
        Assert.Null(await editorsStore.GetAsync(unlooked, CancellationToken.None));
    }

    [SkippableFact]
    public async Task APageWhoseWriteToRedisCrossesAChange_IsTakenOutAgain()
    {
        await using var node = Node(TestServers.Redis(), TestServers.RedisInstance());
        var services = node.Services;
        await ListeningAsync(node);
        var (connection, changes, options) = (services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<ChangesHeard>(),
            services.GetRequiredService<IOptions<RedisOptions>>());
        // The Redis output cache store itself (its type is internal), on the node's connection and key prefix.
        await using var redisOnly = new ServiceCollection()
            .AddStackExchangeRedisOutputCache(o =>
            {
                o.InstanceName = ResilientOutputCacheStore.PagesInstanceName(options.Value);
                o.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
            })
            .BuildServiceProvider();
        var crossing = new ResilientOutputCacheStore(new ChangeHeardDuringEveryWrite(redisOnly.GetRequiredService<IOutputCacheStore>(), changes),
            connection, services.GetRequiredService<RedisOutage>(), changes, options);
        var store = services.GetRequiredService<ResilientOutputCacheStore>();
        var requests = services.GetRequiredService<IHttpContextAccessor>();
        var (crossed, calm) = ($"page-{Guid.NewGuid():n}", $"page-{Guid.NewGuid():n}");

        requests.HttpContext = new DefaultHttpContext();
        Assert.Null(await crossing.GetAsync(crossed, CancellationToken.None));
        await crossing.SetAsync(crossed, "written while content changed"u8.ToArray(), ["test"], TimeSpan.FromMinutes(5), CancellationToken.None);
        // The same with no change: kept.
        requests.HttpContext = new DefaultHttpContext();
        Assert.Null(await store.GetAsync(calm, CancellationToken.None));
        await store.SetAsync(calm, "written while nothing changed"u8.ToArray(), ["test"], TimeSpan.FromMinutes(5), CancellationToken.None);

        // Read by the node's own store: the page written under its key was taken out again.
        requests.HttpContext = null;
        Assert.Null(await store.GetAsync(crossed, CancellationToken.None));
        Assert.NotNull(await store.GetAsync(calm, CancellationToken.None));
    }

    private static Task ListeningAsync(NodeFactory node) =>
        Poll.UntilAsync(() => Task.FromResult(node.Services.GetRequiredService<ChangesHeard>().Listening ? "listening" : null),
            TimeSpan.FromSeconds(10), "the node to hear the cluster's changes");

    private static async Task<bool> IsStoredAsync(ResilientOutputCacheStore store, string key) =>
        await store.TryGetAsync(key, new Pipe().Writer, CancellationToken.None);

    private static ValueTask StoreAsync(ResilientOutputCacheStore store, string key, string page) =>
        store.SetAsync(key, new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(page)), new[] { "test" }, TimeSpan.FromMinutes(5), CancellationToken.None);

    // A content change heard just as a page reaches Redis: the write has happened, the check before it had passed.
    private sealed class ChangeHeardDuringEveryWrite(IOutputCacheStore redisStore, ChangesHeard changes) : IOutputCacheStore
    {
        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => redisStore.GetAsync(key, cancellationToken);

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            await redisStore.SetAsync(key, value, tags, validFor, cancellationToken);
            changes.Heard();
        }

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => redisStore.EvictByTagAsync(tag, cancellationToken);
    }

    [Fact]
    public async Task RedisThatIsDownAtStart_StopsNothing_AndHealthSaysDegraded()
    {
        // Nothing listens on this port: the site must start, serve and say what is missing.
        await using var node = Node($"127.0.0.1:{TestServers.FreePort()}", TestServers.RedisInstance());
        var client = node.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", report);
        Assert.Contains("redis: Degraded", report);
    }

    [SkippableFact]
    public async Task RedisStoppedWhileServing_PagesStillAnswer_HealthSaysDegraded_AndEditsShowOnTheSavingNode()
    {
        using var server = await RedisServerProcess.StartAsync();
        await using var node = Node(server.Address, TestServers.RedisInstance());
        var client = node.CreateBrowserlessClient();
        var article = await new ArticleBuilder().SaveAsync(node);
        Assert.Contains(article.Title, await client.GetStringAsync(article.UrlOf()));
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));

        server.Kill();

        foreach (var url in new[] { "/", article.UrlOf(), $"/{article.Section.Slug}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", report);
        Assert.Contains("redis: Degraded", report);

        // With Redis gone the saving node still drops its own memos: its section menu changes at once.
        await node.WithDbAsync(async db =>
        {
            (await db.Sections.SingleAsync(s => s.Id == article.SectionId)).Name = "Renamed while Redis is down";
            await db.SaveChangesAsync();
        });
        Assert.Contains("Renamed while Redis is down", SectionMenu(await client.GetStringAsync("/")));
    }

    [SkippableFact]
    public async Task RedisThatRefusesWrites_BeingFull_LeavesPagesUncached_AndEditsStillEvict()
    {
        using var server = await RedisServerProcess.StartAsync();
        await using var node = Node(server.Address, TestServers.RedisInstance());
        var client = node.CreateBrowserlessClient();
        var article = await new ArticleBuilder().SaveAsync(node);
        Assert.Contains(article.Title, await client.GetStringAsync(article.UrlOf()));

        // An operator's maxmemory under Redis's default policy (noeviction): once it is reached, every write is refused
        // with an OOM error, while reads, deletes and pings still work.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Address},allowAdmin=true"))
        {
            await admin.GetServer(server.Address).ConfigSetAsync("maxmemory", "1");
        }

        await node.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Title = $"Edited while Redis is full {Guid.NewGuid():n}";
            tracked.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            article.Title = tracked.Title;
        });
        foreach (var url in new[] { article.UrlOf(), "/", article.UrlOf(), "/" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(article.Title, html);
            Assert.Contains("</html>", html);
        }
        // Said once, as an outage, rather than an error with its stack trace for every page rendered.
        var log = await node.ReadLogAsync();
        Assert.DoesNotContain("[ERR]", log);
        Assert.Single(log.Split('\n'), line => line.Contains("[WRN] Redis is unavailable (OOM command not allowed"));
    }

    [SkippableFact]
    public async Task EditOnANodeCutOffFromRedis_ReachesTheOthersCachedPages_OnceTheLinkIsBack()
    {
        var (redis, instance) = (TestServers.Redis(), TestServers.RedisInstance());
        using var link = TcpLink.To(redis);
        await using var editors = Node(link.Address, instance);
        _ = editors.Services;
        await using var readers = Node(redis, instance, editors.ConnectionString);
        var article = await new ArticleBuilder().SaveAsync(editors);
        var reader = readers.CreateBrowserlessClient();
        Assert.Contains(article.Title, await reader.GetStringAsync(article.UrlOf()));

        link.Cut();
        var staff = editors.CreateBrowserlessClient();
        await Poll.UntilAsync(async () => (await staff.GetStringAsync("/healthz")).StartsWith("Degraded", StringComparison.Ordinal) ? "cut" : null,
            TimeSpan.FromSeconds(10), "the editors' node to see Redis gone");
        var stale = article.Title;
        await editors.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Title = $"Corrected while Redis was away {Guid.NewGuid():n}";
            tracked.UpdatedAt = DateTime.UtcNow;
            (await db.Sections.SingleAsync(s => s.Id == article.SectionId)).Name = "Renamed while Redis was away";
            await db.SaveChangesAsync();
            article.Title = tracked.Title;
        });
        // Neither the eviction nor the word to drop memos could reach Redis: the readers' node still has the page, and
        // its menu, from before.
        var before = await reader.GetStringAsync(article.UrlOf());
        Assert.Contains(stale, before);
        Assert.DoesNotContain("Renamed while Redis was away", SectionMenu(before));

        link.Mend();
        await Poll.UntilAsync(async () =>
        {
            var page = await reader.GetStringAsync(article.UrlOf());
            var front = await reader.GetStringAsync("/");
            return page.Contains(article.Title) && SectionMenu(page).Contains("Renamed while Redis was away")
                && SectionMenu(front).Contains("Renamed while Redis was away") ? "seen" : null;
        }, TimeSpan.FromSeconds(10), "the readers' node to show the correction and the new name made while Redis was away");
    }

    private static string SectionMenu(string html) =>
        Html.Parse(html).QuerySelector("nav.sections-nav")?.TextContent ?? "";
}
