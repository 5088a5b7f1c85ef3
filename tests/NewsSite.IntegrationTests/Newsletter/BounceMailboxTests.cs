using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>The site sending to a test SMTP server, with its bounce mailbox on a throwaway dovecot.</summary>
public class BounceMailboxFactory : SmtpSiteFactory, IAsyncLifetime
{
    public const string ReturnPath = "bounces@bounce.news.test";

    public DovecotServer Imap { get; } = new();

    // The tests read the mailbox when they choose; the timer's first round finds it empty.
    protected virtual string PollSeconds => "3600";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Smtp:ReturnPath"] = ReturnPath;
            settings["BounceMailbox:Host"] = "127.0.0.1";
            settings["BounceMailbox:Port"] = Imap.Port.ToString();
            settings["BounceMailbox:Security"] = "None";
            settings["BounceMailbox:Username"] = DovecotServer.Username;
            settings["BounceMailbox:Password"] = DovecotServer.Password;
            settings["BounceMailbox:PollSeconds"] = PollSeconds;
            settings["Newsletter:SoftBounceLimit"] = "2";
            return settings;
        }
    }

    public void SkipIfUnavailable()
    {
        if (DovecotServer.UnavailableReason is { } reason)
        {
            TestServers.Unavailable(reason);
        }
    }

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        if (DovecotServer.UnavailableReason is null && !OperatingSystem.IsWindows())
        {
            await Imap.StartAsync();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Imap.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same, with the mailbox read by its own timer every fifth of a second.</summary>
public sealed class PollingBounceMailboxFactory : BounceMailboxFactory
{
    protected override string PollSeconds => "0.2";
}

public sealed class BounceMailboxScheduleTests(PollingBounceMailboxFactory site) : IClassFixture<PollingBounceMailboxFactory>
{
    [SkippableFact]
    public async Task TheMailboxIsRead_OnItsOwn_EveryPoll()
    {
        site.SkipIfUnavailable();
        var reader = $"polled-{Guid.NewGuid():n}@example.org";
        var report = DeliveryStatusNotices.PostfixHardBounce("postmaster@news.test", reader, originalMessageId: null);

        await site.Imap.AppendAsync(report);

        var suppression = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().FirstOrDefaultAsync(s => s.Address == reader)),
            TimeSpan.FromSeconds(20), "the job to read the report");
        Assert.Equal(SuppressionReason.HardBounce, suppression.Reason);
        await Poll.UntilAsync(async () => (await site.Imap.MessagesAsync("Processed")).Any(m => m.MessageId == report.MessageId) ? "moved" : null,
            TimeSpan.FromSeconds(20), "the report to be moved to Processed");
    }
}

public sealed class BounceMailboxTests(BounceMailboxFactory site) : IClassFixture<BounceMailboxFactory>
{
    private sealed record Sent(int IssueId, Dictionary<string, long> OutboxIds, Dictionary<string, MimeMessage> Received);

    [SkippableFact]
    public async Task HardBounceByDsn_AndComplaintByArf_SuppressWithTheirReasons_TiedToTheIssue_AndAreMovedNotDeleted()
    {
        site.SkipIfUnavailable();
        var (bouncer, complainer, reader) = (Address("bouncer"), Address("complainer"), Address("reader"));
        var sent = await SendIssueAsync(bouncer, complainer, reader);
        // No original attached: only the signed return path names the message.
        var hard = DeliveryStatusNotices.PostfixHardBounce(await VerpAsync(sent.OutboxIds[bouncer]), bouncer, originalMessageId: null);
        // The feedback loop reports to its own fixed address: only the original's Message-Id names the message.
        var complaint = DeliveryStatusNotices.YahooComplaint("fbl@news.test", complainer, sent.Received[complainer]);
        var autoReply = DeliveryStatusNotices.OutOfOffice(BounceMailboxFactory.ReturnPath);
        foreach (var message in new[] { hard, complaint, autoReply })
        {
            await site.Imap.AppendAsync(message);
        }

        var round = await ReadAsync();

        Assert.Equal(new BounceMailboxRound(Recorded: 2, Processed: 2, Unmatched: 1), round);
        var suppressions = await SuppressionsAsync();
        Assert.Equal(SuppressionReason.HardBounce, suppressions[bouncer].Reason);
        Assert.Equal(SuppressionReason.Complaint, suppressions[complainer].Reason);
        Assert.False(suppressions.ContainsKey(reader));
        Assert.All(new[] { bouncer, complainer }, a => Assert.Equal(sent.IssueId, suppressions[a].NewsletterIssueId));

        var events = await EventsAsync(bouncer, complainer);
        var bounce = Assert.Single(events, e => e.Address == bouncer);
        Assert.Equal((DeliveryEventKind.HardBounce, DeliveryEventSource.Dsn, sent.IssueId, sent.OutboxIds[bouncer], hard.MessageId),
            (bounce.Kind, bounce.Source, bounce.NewsletterIssueId, bounce.OutboxMessageId, bounce.ReportMessageId));
        Assert.Contains("5.1.1", bounce.Detail);
        var abuse = Assert.Single(events, e => e.Address == complainer);
        Assert.Equal((DeliveryEventKind.Complaint, DeliveryEventSource.Arf, sent.IssueId, sent.OutboxIds[complainer]),
            (abuse.Kind, abuse.Source, abuse.NewsletterIssueId, abuse.OutboxMessageId));

        Assert.Empty(await site.Imap.MessagesAsync("INBOX"));
        var processed = (await site.Imap.MessagesAsync("Processed")).Select(m => m.MessageId).ToList();
        Assert.Contains(hard.MessageId, processed);
        Assert.Contains(complaint.MessageId, processed);
        Assert.Equal([autoReply.MessageId], (await site.Imap.MessagesAsync("Unmatched")).Select(m => m.MessageId));

        // The same report again (delivered twice, or read again after a crash before the move) records nothing more.
        await site.Imap.AppendAsync(hard);
        var again = await ReadAsync();
        Assert.Equal(new BounceMailboxRound(Recorded: 0, Processed: 1, Unmatched: 0), again);
        Assert.Single(await EventsAsync(bouncer), e => e.Address == bouncer);
        Assert.Equal(2, (await site.Imap.MessagesAsync("Processed")).Count(m => m.MessageId == hard.MessageId));
    }

    [SkippableFact]
    public async Task SoftBounces_SuppressOnlyAtTheLimit_AndADelayIsNoBounce()
    {
        site.SkipIfUnavailable();
        var reader = Address("full-mailbox");
        var sent = await SendIssueAsync(reader);
        var verp = await VerpAsync(sent.OutboxIds[reader]);

        await site.Imap.AppendAsync(DeliveryStatusNotices.GmailSoftBounce(verp, reader, sent.Received[reader].MessageId!));
        await site.Imap.AppendAsync(DeliveryStatusNotices.Delayed(verp, reader));
        var first = await ReadAsync();

        Assert.Equal(new BounceMailboxRound(Recorded: 1, Processed: 2, Unmatched: 0), first);
        Assert.False((await SuppressionsAsync()).ContainsKey(reader));
        var soft = Assert.Single(await EventsAsync(reader));
        Assert.Equal((DeliveryEventKind.SoftBounce, sent.IssueId), (soft.Kind, soft.NewsletterIssueId));

        // Newsletter:SoftBounceLimit is 2 here.
        await site.Imap.AppendAsync(DeliveryStatusNotices.GmailSoftBounce(verp, reader, sent.Received[reader].MessageId!));
        await ReadAsync();

        Assert.Equal(SuppressionReason.SoftBounces, (await SuppressionsAsync())[reader].Reason);
        Assert.Equal(2, (await EventsAsync(reader)).Count);
    }

    [SkippableFact]
    public async Task ForgedReturnPathSignature_DoesNotName_TheMessage()
    {
        site.SkipIfUnavailable();
        var reader = Address("target");
        var sent = await SendIssueAsync(reader);
        var genuine = await VerpAsync(sent.OutboxIds[reader]);
        var forged = genuine[..(genuine.IndexOf('@') - 12)] + "000000000000" + genuine[genuine.IndexOf('@')..];
        var stranger = Address("stranger");

        await site.Imap.AppendAsync(DeliveryStatusNotices.PostfixHardBounce(forged, stranger, originalMessageId: null));
        await ReadAsync();

        Assert.False((await SuppressionsAsync()).ContainsKey(reader));
        Assert.Empty(await EventsAsync(reader));
        // What the report itself says is all that is left: an address that never had the message.
        var recorded = Assert.Single(await EventsAsync(stranger));
        Assert.Null(recorded.OutboxMessageId);
        Assert.Null(recorded.NewsletterIssueId);
    }

    [SkippableFact]
    public async Task ReportWithNoReturnPathOrOriginal_IsMatchedByItsRecipientAddress_ToTheLatestIssue()
    {
        site.SkipIfUnavailable();
        var reader = Address("address-only");
        var sent = await SendIssueAsync(reader);

        await site.Imap.AppendAsync(DeliveryStatusNotices.PostfixHardBounce("postmaster@news.test", reader, originalMessageId: null));
        await ReadAsync();

        Assert.Equal((SuppressionReason.HardBounce, sent.IssueId), ((await SuppressionsAsync())[reader].Reason, (await SuppressionsAsync())[reader].NewsletterIssueId));
    }

    private static string Address(string who) => $"{who}-{Guid.NewGuid():n}@example.org";

    private Task<BounceMailboxRound> ReadAsync() => site.Services.GetRequiredService<BounceMailbox>().ReadNowAsync(CancellationToken.None);

    private async Task<string> VerpAsync(long outboxId) =>
        (await site.Services.GetRequiredService<ReturnPaths>().ForMessageAsync(outboxId, CancellationToken.None))!.Address;

    private Task<Dictionary<string, Suppression>> SuppressionsAsync() =>
        site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().Where(s => s.LiftedAt == null).ToDictionaryAsync(s => s.Address));

    private Task<List<DeliveryEvent>> EventsAsync(params string[] addresses) =>
        site.WithDbAsync((db, _) => db.DeliveryEvents.AsNoTracking().Where(e => addresses.Contains(e.Address)).ToListAsync());

    /// <summary>A newsletter issue sent through the newsroom to these confirmed readers (and whoever else is subscribed).</summary>
    private async Task<Sent> SendIssueAsync(params string[] readers)
    {
        await site.WithDbAsync(async db =>
        {
            foreach (var email in readers)
            {
                var subscriber = new Subscriber
                {
                    Email = email, Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow,
                    UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
                };
                subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
                db.Subscribers.Add(subscriber);
            }
            await db.SaveChangesAsync();
        });
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Bounce briefing {Guid.NewGuid():n}";
        var saved = await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new");
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}")).StatusCode);

        var received = new Dictionary<string, MimeMessage>();
        foreach (var email in readers)
        {
            received[email] = await site.Smtp.WaitForAsync(email, subject, TimeSpan.FromSeconds(30));
        }
        var outboxIds = await Poll.UntilAsync(async () => await site.WithDbAsync((db, _) => db.NewsletterRecipients.AsNoTracking()
                .Where(r => r.NewsletterIssueId == id && readers.Contains(r.Address) && r.OutboxMessageId != null)
                .ToDictionaryAsync(r => r.Address, r => r.OutboxMessageId!.Value)) is { } ids && ids.Count == readers.Length ? ids : null,
            TimeSpan.FromSeconds(15), "a recipient record for every reader");
        return new Sent(id, outboxIds, received);
    }
}
