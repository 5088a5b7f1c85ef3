using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>
/// One node of the site. Given another node's connection string and SMTP port, it shares them, as nodes behind a load
/// balancer share one database and one mail relay. Counts what its own sender delivers.
/// </summary>
public sealed class OutboxNodeFactory(string? sharedDatabase = null, int? sharedSmtpPort = null) : SmtpSiteFactory
{
    private int delivered;

    public int Delivered => Volatile.Read(ref delivered);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            // Small batches: many claims, so senders meet at the claim again and again.
            settings["Outbox:BatchSize"] = "20";
            settings["Outbox:Connections"] = "2";
            if (sharedDatabase is not null)
            {
                settings["ConnectionStrings:News"] = sharedDatabase;
            }
            if (sharedSmtpPort is not null)
            {
                settings["Smtp:Port"] = sharedSmtpPort.Value.ToString();
            }
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IMailTransport>(provider =>
            new CountingTransport(provider.GetRequiredService<SmtpMailTransport>(), () => Interlocked.Increment(ref delivered))));
    }

    private sealed class CountingTransport(IMailTransport inner, Action onSent) : IMailTransport
    {
        public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken) =>
            new Connection(await inner.ConnectAsync(cancellationToken), onSent);

        private sealed class Connection(IMailConnection inner, Action onSent) : IMailConnection
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await inner.SendAsync(message, cancellationToken);
                onSent();
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}

/// <summary>Three nodes on one database and one SMTP server, each with its own outbox sender running.</summary>
public sealed class ThreeNodes : IAsyncLifetime
{
    public OutboxNodeFactory First { get; } = new();

    public IReadOnlyList<OutboxNodeFactory> All { get; private set; } = [];

    public TestSmtpServer Smtp => First.Smtp;

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        // One at a time, as a deployment brings nodes up: the first migrates and seeds, the others find it done.
        _ = First.Services;
        var second = new OutboxNodeFactory(First.ConnectionString, Smtp.Port);
        _ = second.Services;
        var third = new OutboxNodeFactory(First.ConnectionString, Smtp.Port);
        _ = third.Services;
        All = [First, second, third];
    }

    public async Task DisposeAsync()
    {
        // The first node owns the file: the others go first.
        foreach (var node in All.Reverse())
        {
            await node.DisposeAsync();
        }
    }
}

public sealed class OutboxClaimTests(ThreeNodes nodes) : IClassFixture<ThreeNodes>
{
    [Fact]
    public async Task ThreeNodesDrainingOneOutbox_SendEveryMessageExactlyOnce()
    {
        const int count = 2000;
        var run = Guid.NewGuid().ToString("n")[..8];
        var addresses = Enumerable.Range(0, count).Select(i => $"claim-{run}-{i}@example.org").ToList();

        // Queued in one commit on the first node, due a moment later: all three nodes, polling every tenth of a second,
        // reach for it together, as after an outage, and then keep meeting at the claim batch after batch.
        var due = DateTime.UtcNow.AddSeconds(1);
        await nodes.First.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            foreach (var address in addresses)
            {
                outbox.Enqueue(new EmailMessage(address, null, $"Claim {run}", "<p>Once</p>", "Once", $"claim-test:{run}")).NextAttemptAt = due;
            }
            return await db.SaveChangesAsync();
        });

        var kind = $"claim-test:{run}";
        await Poll.UntilAsync(() => nodes.First.WithDbAsync(async (db, _) =>
                await db.Outbox.AnyAsync(m => m.Kind == kind && m.Status != OutboxStatus.Sent) ? null : (bool?)true),
            TimeSpan.FromSeconds(90), $"all {count} messages to be marked sent");
        List<MimeMessage> Received() => nodes.Smtp.Messages.Where(m => m.Subject == $"Claim {run}").ToList();
        await Poll.UntilAsync(() => Task.FromResult(Received().Count >= count ? (bool?)true : null), TimeSpan.FromSeconds(10), $"{count} messages at the SMTP server");

        var perAddress = Received().GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        var twice = perAddress.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} of {count} messages were sent more than once, e.g. {string.Join(", ", twice.Take(5))}");
        Assert.Equal(addresses.Order(), perAddress.Keys.Order());
        // The race was real: every node sent a share.
        Assert.All(nodes.All, node => Assert.True(node.Delivered > 0, "a node sent nothing, so the senders never competed"));
        Assert.Equal(0, await nodes.First.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == kind && m.ClaimToken != null)));
    }
}

/// <summary>The site, whose own sender lives in real time; the tests' senders live a day ahead, on a clock they move.</summary>
public sealed class ClaimLeaseFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // One connection, so the batch goes out in order and the clock moves once per message.
        ["Outbox:Connections"] = "1",
        ["Newsletter:MaxPerSecond"] = "0",
    };
}

public sealed class OutboxLeaseTests(ClaimLeaseFactory site) : IClassFixture<ClaimLeaseFactory>
{
    [Fact]
    public async Task BatchOutlastingTheLease_KeepsItsClaim_SoAnotherSenderTakesNothing()
    {
        var run = Guid.NewGuid().ToString("n")[..8];
        var addresses = Enumerable.Range(0, 5).Select(i => $"lease-{run}-{i}@example.org").ToList();
        var realNow = DateTime.UtcNow;
        var clock = new TestClock(realNow.AddDays(1));
        // Due for the tests' senders (a day ahead), not for the site's own sender (in real time).
        await site.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            foreach (var address in addresses)
            {
                outbox.Enqueue(new EmailMessage(address, null, "Lease", "<p>Once</p>", "Once", $"lease-test:{run}")).NextAttemptAt = realNow.AddHours(12);
            }
            return await db.SaveChangesAsync();
        });

        var deliveries = new ConcurrentQueue<string>();
        var other = ActivatorUtilities.CreateInstance<OutboxSender>(site.Services, (IMailTransport)new RecordingTransport(deliveries, null), (TimeProvider)clock);
        // Each message takes two minutes to hand over, so five outlast the five-minute lease; before each hand-over the
        // other sender has its chance at whatever is due.
        var slow = ActivatorUtilities.CreateInstance<OutboxSender>(site.Services, (IMailTransport)new RecordingTransport(deliveries, async () =>
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            await other.SendDueAsync(CancellationToken.None);
        }), (TimeProvider)clock);

        Assert.Equal(5, await slow.SendDueAsync(CancellationToken.None));

        Assert.Equal(addresses, deliveries.Order());
        var rows = await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => m.Kind == $"lease-test:{run}").ToListAsync());
        Assert.All(rows, row => Assert.Equal(OutboxStatus.Sent, row.Status));
    }

    private sealed class RecordingTransport(ConcurrentQueue<string> deliveries, Func<Task>? beforeEach) : IMailTransport
    {
        public Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult<IMailConnection>(new Connection(deliveries, beforeEach));

        private sealed class Connection(ConcurrentQueue<string> deliveries, Func<Task>? beforeEach) : IMailConnection
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                if (beforeEach is not null)
                {
                    await beforeEach();
                }
                deliveries.Enqueue(message.To.Mailboxes.Single().Address);
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
