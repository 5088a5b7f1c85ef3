using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class RetentionTests(NewsletterFactory site)
{
    private Task<OutboxMessage> SentRowAsync(long id) =>
        Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Status == OutboxStatus.Sent)),
            TimeSpan.FromSeconds(15), $"outbox message {id} to be marked sent");

    [Fact]
    public async Task SecretLinks_AreRemovedFromTheOutboxOnceDelivered_OtherMailKeepsItsBody()
    {
        var staff = $"reset-{Guid.NewGuid():n}@newsroom.test";
        var invited = $"invite-{Guid.NewGuid():n}@newsroom.test";
        var plain = $"plain-{Guid.NewGuid():n}@example.org";
        var (reset, invitation, other) = await site.WithDbAsync(async (db, services) =>
        {
            var templates = services.GetRequiredService<EmailTemplates>();
            var outbox = services.GetRequiredService<Outbox>();
            var rows = (outbox.Enqueue(await templates.PasswordResetAsync(staff, "http://news.test/admin/reset-password?token=live-reset-token")),
                outbox.Enqueue(await templates.InvitationAsync(invited, "Ada", "Writer", "http://news.test/admin/invitation?token=live-invite-token")),
                outbox.Enqueue(new EmailMessage(plain, null, "Plain note", "<p>Keep me</p>", "Keep me", "note")));
            await db.SaveChangesAsync();
            return rows;
        });

        Assert.Contains("live-reset-token", (await site.Smtp.WaitForAsync(staff, "Reset your password")).TextBody);
        Assert.Contains("live-invite-token", (await site.Smtp.WaitForAsync(invited, "invited")).HtmlBody);
        foreach (var id in new[] { reset.Id, invitation.Id })
        {
            var row = await SentRowAsync(id);
            Assert.Equal(OutboxSender.RemovedBody, row.HtmlBody);
            Assert.Equal(OutboxSender.RemovedBody, row.TextBody);
        }
        Assert.Equal("Keep me", (await SentRowAsync(other.Id)).TextBody);
    }

    [Fact]
    public async Task CleanUp_DeletesSentMailPastRetention_AndUnusedBodies_ButKeepsFailedAndRecentMail()
    {
        var now = DateTime.UtcNow;
        var (oldSent, recentSent, oldFailed, orphan) = await site.WithDbAsync(async (db, services) =>
        {
            OutboxMessage Row(string status, DateTime at, OutboxStatus state) => new()
            {
                ToAddress = $"{status}-{Guid.NewGuid():n}@example.org", Subject = status, HtmlBody = "", TextBody = "", Kind = "cleanup-test",
                Status = state, CreatedAt = at, NextAttemptAt = at.AddYears(10), SentAt = state == OutboxStatus.Sent ? at : null,
            };
            var rows = (Row("old", now.AddDays(-31), OutboxStatus.Sent), Row("recent", now.AddDays(-29), OutboxStatus.Sent), Row("failed", now.AddDays(-90), OutboxStatus.Failed),
                new OutboxTemplate { Subject = "Old issue", HtmlBody = "", TextBody = "", Placeholder = "X", CreatedAt = now.AddDays(-40) });
            db.Outbox.AddRange(rows.Item1, rows.Item2, rows.Item3);
            db.OutboxTemplates.Add(rows.Item4);
            await db.SaveChangesAsync();
            return rows;
        });

        await site.Services.GetRequiredService<OutboxSender>().CleanUpAsync(CancellationToken.None);

        var left = await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().Where(m => m.Kind == "cleanup-test").Select(m => m.Id).ToListAsync());
        Assert.DoesNotContain(oldSent.Id, left);
        Assert.Contains(recentSent.Id, left);
        Assert.Contains(oldFailed.Id, left);
        Assert.False(await site.WithDbAsync((db, _) => db.OutboxTemplates.AnyAsync(t => t.Id == orphan.Id)));
    }
}
