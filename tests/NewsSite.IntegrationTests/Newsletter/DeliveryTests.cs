using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>The site with its SMTP server down at first.</summary>
public sealed class SmtpDownFactory : SmtpSiteFactory;

public sealed class SmtpOutageTests(SmtpDownFactory site) : IClassFixture<SmtpDownFactory>
{
    [Fact]
    public async Task SmtpServerDownAtSignup_SignupSucceeds_MailWaits_ThenArrivesExactlyOnce()
    {
        var email = $"patient-{Guid.NewGuid():n}@example.org";

        var response = await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", email)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var failed = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking()
            .FirstOrDefaultAsync(m => m.ToAddress == email && m.LastError != null)), TimeSpan.FromSeconds(15), "a failed delivery attempt");
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.Equal(0, failed.Attempts);
        Assert.Empty(site.Smtp.Messages);

        await site.Smtp.StartAsync();

        await site.Smtp.WaitForAsync(email, "Confirm your subscription", TimeSpan.FromSeconds(30));
        var sent = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking()
            .FirstOrDefaultAsync(m => m.ToAddress == email && m.Status == OutboxStatus.Sent)), TimeSpan.FromSeconds(10), "the message to be marked sent");
        Assert.NotNull(sent.SentAt);

        // Another round (as after a restart) finds nothing due: the message is not sent again.
        var again = await site.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        Assert.Equal(0, again);
        Assert.Single(site.Smtp.To(email));
    }
}

/// <summary>The site with its SMTP server down, on a clock the test moves.</summary>
public sealed class LongOutageFactory : SmtpSiteFactory
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class LongOutageTests(LongOutageFactory site) : IClassFixture<LongOutageFactory>
{
    [Fact]
    public async Task ThreeHoursWithTheMailServerDown_FailNothing_AndEveryMessageIsDeliveredWhenItReturns()
    {
        var readers = Enumerable.Range(0, 3).Select(i => $"outage-{i}-{Guid.NewGuid():n}@example.org").ToList();
        var newsletterReaders = Enumerable.Range(0, 4).Select(i => $"outage-bulk-{i}-{Guid.NewGuid():n}@example.org").ToList();
        foreach (var email in readers)
        {
            var response = await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", email)]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await site.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            foreach (var email in newsletterReaders)
            {
                outbox.Enqueue(new EmailMessage(email, null, "Outage briefing", "<p>News</p>", "News", "newsletter:outage", IsBulk: true));
            }
            return await db.SaveChangesAsync();
        });
        var everyone = readers.Concat(newsletterReaders).ToList();
        Task<List<OutboxMessage>> RowsAsync() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => everyone.Contains(m.ToAddress)).ToListAsync());

        // Three hours in five-minute steps; after each step, wait until the sender has tried every due message again.
        // A claimed message also has a later NextAttemptAt (its lease) and the last step's error, so "tried" means
        // released too: the clock must not move while a connection is still failing, or that message's next try is
        // set from the moved clock, after the last step's.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(3); elapsed += TimeSpan.FromMinutes(5))
        {
            site.Clock.Advance(TimeSpan.FromMinutes(5));
            await Poll.UntilAsync(async () => (await RowsAsync()) is { } rows && rows.Count == everyone.Count
                && rows.All(m => m.LastError != null
                    && (m.Status != OutboxStatus.Pending || (m.ClaimToken == null && m.NextAttemptAt > site.Clock.UtcNow))) ? rows : null,
                TimeSpan.FromSeconds(20), "the sender to try every due message");
        }

        var during = await RowsAsync();
        Assert.All(during, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(0, m.Attempts);
            Assert.StartsWith("Mail server unreachable", m.LastError);
        });
        Assert.Empty(site.Smtp.Messages);

        await site.Smtp.StartAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(5));

        var delivered = await Poll.UntilAsync(async () => (await RowsAsync()) is { } rows && rows.All(m => m.Status == OutboxStatus.Sent) ? rows : null,
            TimeSpan.FromSeconds(30), "every message to be sent");
        Assert.All(delivered, m => Assert.Equal(1, m.Attempts));
        Assert.All(delivered, m => Assert.Null(m.LastError));
        Assert.All(everyone, email => Assert.Single(site.Smtp.To(email)));
    }
}

/// <summary>A site that allows only three signups a minute from one address.</summary>
public sealed class StrictRateLimitFactory : SmtpSiteFactory
{
    protected override int SignupsPerMinute => 3;
}

public sealed class RateLimitTests(StrictRateLimitFactory site) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task TooManySignupsFromOneAddress_GetAFriendly429()
    {
        var client = StaffClient.Anonymous(site);
        // The signup form carries no antiforgery token: its boxes are on cached pages (docs/decisions/0003).
        HttpResponseMessage Post(string email) => client.Http.PostAsync("/newsletter/signup",
            new FormUrlEncodedContent([new("Email", email)])).GetAwaiter().GetResult();

        var allowed = Enumerable.Range(0, 3).Select(i => Post($"burst-{i}-{Guid.NewGuid():n}@example.org")).ToList();
        var refused = Post($"burst-x-{Guid.NewGuid():n}@example.org");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many requests", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());

        using var scripted = new HttpRequestMessage(HttpMethod.Post, "/newsletter/signup") { Content = new FormUrlEncodedContent([new("Email", "x@example.org")]) };
        scripted.Headers.Accept.ParseAdd("application/json");
        var json = await client.Http.SendAsync(scripted);
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        Assert.False(JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }
}

/// <summary>
/// One node of two that share an attempt counter, as nodes behind a load balancer share one store: each has its own
/// process, database and ASP.NET Core rate limiter, and only the counter in common.
/// </summary>
public sealed class SharedCounterNode(IAttemptCounter counter) : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Newsletter:SignupsPerMinutePerIp"] = "3" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(counter));
    }
}

public sealed class SharedRateLimitTests
{
    [Fact]
    public async Task SignupLimit_IsOneLimitAcrossNodes_ThatShareTheCounter()
    {
        var counter = new MemoryAttemptCounter(TimeProvider.System);
        await using var first = new SharedCounterNode(counter);
        await using var second = new SharedCounterNode(counter);
        await TwoNodeSignups.AssertOneLimitAsync(first, second, "2001:db8:77::5", "198.51.100.9");
    }
}

public sealed class PickupFolderTests
{
    [Fact]
    public async Task WithNoPickupFolderSet_MailGoesToTheNodesOwnDataFolder()
    {
        // Empty, as in appsettings.json: each node of several writes to its own data folder, not to a shared one.
        await using var site = new NodeFactory(new Dictionary<string, string?> { ["Smtp:PickupDirectory"] = "", ["Outbox:PollSeconds"] = "0.2" });
        var email = $"pickup-{Guid.NewGuid():n}@example.org";

        var response = await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", email)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var folder = Path.Combine(site.DataDirectory, "mail-pickup");
        var written = await Poll.UntilAsync(() => Task.FromResult(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").FirstOrDefault(f => File.ReadAllText(f).Contains(email)) : null),
            TimeSpan.FromSeconds(15), "the confirmation in the data folder's mail-pickup");
        Assert.NotNull(written);
    }
}

/// <summary>Signups from one visitor spread over two nodes, with a limit of three a minute: one limit, not two.</summary>
public static class TwoNodeSignups
{
    public static async Task AssertOneLimitAsync(NewsSiteFactory first, NewsSiteFactory second, string visitor, string otherVisitor)
    {
        var one = StaffClient.Anonymous(first).From(visitor);
        var two = StaffClient.Anonymous(second).From(visitor);
        Task<HttpResponseMessage> Post(StaffClient client) => client.Http.PostAsync("/newsletter/signup",
            new FormUrlEncodedContent([new("Email", $"node-{Guid.NewGuid():n}@example.org")]));

        // Three signups spread over both nodes use up the one limit; the fourth is refused whichever node it reaches.
        var allowed = new[] { await Post(one), await Post(two), await Post(one) };
        var refusedBySecond = await Post(two);
        var refusedByFirst = await Post(one);

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedBySecond.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedByFirst.StatusCode);
        // Another visitor is not held back by this one's count.
        var other = StaffClient.Anonymous(second).From(otherVisitor);
        Assert.Equal(HttpStatusCode.OK, (await Post(other)).StatusCode);
    }
}
