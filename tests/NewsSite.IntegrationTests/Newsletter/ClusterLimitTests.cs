using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Infrastructure.Redis;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>Limits that hold for the cluster through Redis: the signup rate limit, SMTP connections, the newsletter rate.</summary>
public sealed class ClusterLimitTests
{
    [SkippableFact]
    public async Task SignupLimit_HoldsAcrossNodes_WithTheRedisCounter()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = TestServers.Redis(),
            ["Redis:InstanceName"] = TestServers.RedisInstance(),
            ["Newsletter:SignupsPerMinutePerIp"] = "3",
        };
        // Separate databases on purpose: the nodes share nothing but Redis.
        await using var first = new NodeFactory(settings);
        await using var second = new NodeFactory(settings);
        await TwoNodeSignups.AssertOneLimitAsync(first, second, "2001:db8:78::5", "198.51.100.19");
    }

    [SkippableFact]
    public async Task ConnectionSlots_AreOneLimitForTwoSenders_AndFreeingOneLetsTheOtherIn()
    {
        using var senders = new Senders(connections: 2, perSecond: 0);
        var held = new[] { await senders.First.TakeConnectionAsync(default), await senders.First.TakeConnectionAsync(default) };

        var waiting = senders.Second.TakeConnectionAsync(default);
        await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(waiting.IsCompleted, "a third connection opened while the first sender held both slots");

        await held[0].DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        await held[1].DisposeAsync();
    }

    [SkippableFact]
    public async Task SlotsOfASenderThatStops_ComeBackWhenTheirLeaseRunsOut()
    {
        using var senders = new Senders(connections: 1, perSecond: 0, leaseSeconds: 1);
        _ = await senders.First.TakeConnectionAsync(default);
        senders.First.Dispose(); // the node dies mid-batch: it never frees the slot, and stops renewing it

        var stopwatch = Stopwatch.StartNew();
        await (await senders.Second.TakeConnectionAsync(default).WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task NewsletterRate_IsOneLineForTwoSenders()
    {
        // 20 a second shared: 20 turns, half from each sender, need 19 gaps of 50 ms. Each on its own would be done
        // with its 10 in under half a second.
        using var senders = new Senders(connections: 2, perSecond: 20);
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 10; i++) { await senders.First.WaitTurnAsync(default); } }),
            Task.Run(async () => { for (var i = 0; i < 10; i++) { await senders.Second.WaitTurnAsync(default); } }));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"20 turns took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Two nodes' pacing over one Redis: each its own connection, as separate processes would have.</summary>
    private sealed class Senders : IDisposable
    {
        private readonly StackExchange.Redis.ConnectionMultiplexer[] connections;

        public Senders(int connections, double perSecond, int leaseSeconds = 30)
        {
            var address = TestServers.Redis();
            var redis = Options.Create(new RedisOptions { InstanceName = TestServers.RedisInstance(), SlotLeaseSeconds = leaseSeconds });
            var outbox = Options.Create(new OutboxOptions { Connections = connections });
            var newsletter = Options.Create(new NewsletterOptions { MaxPerSecond = perSecond });
            this.connections = [RedisSetup.Connect(address), RedisSetup.Connect(address)];
            RedisDeliveryPacing Pacing(StackExchange.Redis.ConnectionMultiplexer connection) => new(connection, redis, outbox, newsletter,
                TimeProvider.System, new RedisOutage(TimeProvider.System, NullLogger<RedisOutage>.Instance));
            First = Pacing(this.connections[0]);
            Second = Pacing(this.connections[1]);
        }

        public RedisDeliveryPacing First { get; }
        public RedisDeliveryPacing Second { get; }

        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}
