using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>Refusals while sending (RCPT answered 550 or 450 by the test's SMTP server), and suppressions honoured at send time.</summary>
[Collection(NewsletterCollection.Name)]
public sealed class SendTimeBounceTests(NewsletterFactory site)
{
    private async Task<Subscriber> AddSubscriberAsync(string name)
    {
        var subscriber = new Subscriber
        {
            Email = $"{name}-{Guid.NewGuid():n}@example.org",
            Status = SubscriberStatus.Confirmed,
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow,
            UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(subscriber); await db.SaveChangesAsync(); });
        return subscriber;
    }

    private async Task<int> SendIssueAsync(StaffClient editor, string subject, int storyId)
    {
        var save = await editor.PostFieldsAsync("/admin/newsletters/save", [new("Subject", subject), new("ArticleIds", storyId.ToString())], tokenFrom: "/admin/newsletters/new");
        var id = int.Parse(save.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}")).StatusCode);
        return id;
    }

    // An issue's messages are all queued by the time its send POST answers.
    private Task<List<OutboxMessage>> SettledAsync(string kind) => Poll.UntilAsync(async () =>
        await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => m.Kind == kind).ToListAsync()) is { Count: > 0 } rows && rows.All(m => m.Status != OutboxStatus.Pending) ? rows : null,
        TimeSpan.FromSeconds(30), $"every message of {kind} to be sent or failed");

    [Fact]
    public async Task Issue_ToAddressesRefusedAtRcpt_SuppressesThemAsHardBounces_OthersReceiveIt_AndTheNextIssueSkipsThem()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var readers = new[] { await AddSubscriberAsync("reader"), await AddSubscriberAsync("reader") };
        var unknown = new[] { await AddSubscriberAsync("unknown"), await AddSubscriberAsync("unknown") };
        foreach (var gone in unknown)
        {
            site.Smtp.Reject(gone.Email, 550);
        }

        var first = $"First issue {Guid.NewGuid():n}";
        var firstId = await SendIssueAsync(editor, first, story.Id);
        var rows = await SettledAsync($"newsletter:{firstId}");

        foreach (var reader in readers)
        {
            await site.Smtp.WaitForAsync(reader.Email, first);
        }
        foreach (var gone in unknown)
        {
            var row = rows.Single(m => m.ToAddress == gone.Email);
            Assert.Equal(OutboxStatus.Failed, row.Status);
            Assert.Equal(1, row.Attempts); // failed at once, never retried
            Assert.StartsWith("550", row.LastError);
            Assert.Equal(1, site.Smtp.RefusalsOf(gone.Email));
            Assert.Empty(site.Smtp.To(gone.Email));
        }
        var suppressions = await site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().Where(s => unknown.Select(u => u.Email).Contains(s.Address) || readers.Select(r => r.Email).Contains(s.Address)).ToListAsync());
        Assert.Equal(unknown.Select(u => u.Email).Order(), suppressions.Select(s => s.Address).Order());
        Assert.All(suppressions, s => Assert.Equal(SuppressionReason.HardBounce, s.Reason));
        Assert.All(suppressions, s => Assert.Equal(firstId, s.NewsletterIssueId));
        Assert.All(suppressions, s => Assert.Contains("5.1.1", s.Detail));
        var events = await site.WithDbAsync((db, _) => db.DeliveryEvents.AsNoTracking().Where(e => e.NewsletterIssueId == firstId).ToListAsync());
        Assert.Equal(unknown.Select(u => u.Email).Order(), events.Select(e => e.Address).Order());
        Assert.All(events, e => Assert.Equal((DeliveryEventKind.HardBounce, DeliveryEventSource.Smtp), (e.Kind, e.Source)));
        Assert.Equal(unknown.Select(u => u.Id).Order(), events.Select(e => e.SubscriberId ?? 0).Order());

        // Nothing else changed: the refused readers are still subscribers (suppressed, not unsubscribed), and the others are untouched.
        var statuses = await site.WithDbAsync((db, _) => db.Subscribers.AsNoTracking().Where(s => readers.Select(r => r.Id).Contains(s.Id) || unknown.Select(u => u.Id).Contains(s.Id)).Select(s => s.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(SubscriberStatus.Confirmed, s));

        var second = $"Second issue {Guid.NewGuid():n}";
        var secondId = await SendIssueAsync(editor, second, story.Id);
        foreach (var reader in readers)
        {
            await site.Smtp.WaitForAsync(reader.Email, second);
        }
        var secondRows = await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => m.Kind == $"newsletter:{secondId}").Select(m => m.ToAddress).ToListAsync());
        Assert.DoesNotContain(unknown[0].Email, secondRows);
        Assert.DoesNotContain(unknown[1].Email, secondRows);
        Assert.All(unknown, gone => Assert.Equal(1, site.Smtp.RefusalsOf(gone.Email)));
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetried_AndRecordedAsASoftBounceOnlyWhenItsAttemptsRunOut()
    {
        var busy = $"busy-{Guid.NewGuid():n}@example.org";
        var finalTry = $"busy-last-{Guid.NewGuid():n}@example.org";
        site.Smtp.Reject(busy, 450);
        site.Smtp.Reject(finalTry, 450);
        var (retried, last) = await site.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            var retried = outbox.Enqueue(new EmailMessage(busy, null, "Busy mailbox", "<p>Hi</p>", "Hi", "confirmation"));
            var last = outbox.Enqueue(new EmailMessage(finalTry, null, "Busy mailbox", "<p>Hi</p>", "Hi", "confirmation"));
            last.Attempts = 7; // Outbox:MaxAttempts is 8: this refusal is its last
            await db.SaveChangesAsync();
            return (retried.Id, last.Id);
        });

        await Poll.UntilAsync(() => Task.FromResult(site.Smtp.RefusalsOf(busy) >= 2 ? (bool?)true : null), TimeSpan.FromSeconds(20), "the busy address to be tried again");
        var lastRow = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == last && m.Status == OutboxStatus.Failed)),
            TimeSpan.FromSeconds(20), "the last try to fail");

        Assert.StartsWith("450", lastRow.LastError);
        var events = await site.WithDbAsync((db, _) => db.DeliveryEvents.AsNoTracking().Where(e => e.Address == busy || e.Address == finalTry).ToListAsync());
        var soft = Assert.Single(events);
        Assert.Equal((finalTry, DeliveryEventKind.SoftBounce, DeliveryEventSource.Smtp, (long?)last), (soft.Address, soft.Kind, soft.Source, soft.OutboxMessageId));
        // One soft bounce is below Newsletter:SoftBounceLimit: no suppression yet.
        Assert.False(await site.WithDbAsync((db, _) => db.Suppressions.AnyAsync(s => s.Address == finalTry)));
        Assert.Equal(OutboxStatus.Pending, (await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == retried))).Status);

        // Stop retrying the busy one, so no other test sees it.
        await site.WithDbAsync(db => db.Outbox.Where(m => m.Id == retried).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task MessagesQueuedBeforeASuppression_AreNotSent_BulkForAnyReason_OtherMailOnlyAfterAHardBounce()
    {
        var bounced = $"bounced-{Guid.NewGuid():n}@example.org";
        var complained = $"complained-{Guid.NewGuid():n}@example.org";
        var ids = await site.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            var bulkToBounced = outbox.Enqueue(new EmailMessage(bounced, null, "Queued bulk", "<p>Hi</p>", "Hi", "newsletter:999998") { IsBulk = true });
            var mailToBounced = outbox.Enqueue(new EmailMessage(bounced, null, "Queued reset", "<p>Hi</p>", "Hi", "password-reset"));
            var bulkToComplained = outbox.Enqueue(new EmailMessage(complained, null, "Queued bulk", "<p>Hi</p>", "Hi", "newsletter:999998") { IsBulk = true });
            var mailToComplained = outbox.Enqueue(new EmailMessage(complained, null, "Queued reset", "<p>Hi</p>", "Hi", "password-reset"));
            // Suppressed in the same commit as the messages are queued: the sender finds the suppression when it claims them.
            db.Suppressions.Add(new Suppression { Address = bounced, Reason = SuppressionReason.HardBounce, CreatedAt = DateTime.UtcNow });
            db.Suppressions.Add(new Suppression { Address = complained, Reason = SuppressionReason.Complaint, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return new[] { bulkToBounced.Id, mailToBounced.Id, bulkToComplained.Id, mailToComplained.Id };
        });

        await site.Smtp.WaitForAsync(complained, "Queued reset");
        var rows = await Poll.UntilAsync(async () =>
            await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.Status != OutboxStatus.Pending).ToListAsync()) is { Count: 4 } settled ? settled : null,
            TimeSpan.FromSeconds(15), "all four messages to be settled");

        Assert.Equal((OutboxStatus.Failed, "suppressed: HardBounce"), (rows.Single(m => m.Id == ids[0]).Status, rows.Single(m => m.Id == ids[0]).LastError));
        Assert.Equal((OutboxStatus.Failed, "suppressed: HardBounce"), (rows.Single(m => m.Id == ids[1]).Status, rows.Single(m => m.Id == ids[1]).LastError));
        Assert.Equal((OutboxStatus.Failed, "suppressed: Complaint"), (rows.Single(m => m.Id == ids[2]).Status, rows.Single(m => m.Id == ids[2]).LastError));
        Assert.Equal(OutboxStatus.Sent, rows.Single(m => m.Id == ids[3]).Status);
        Assert.Empty(site.Smtp.To(bounced));
        Assert.Single(site.Smtp.To(complained));
        Assert.Equal(0, rows.Single(m => m.Id == ids[0]).Attempts);
    }
}
