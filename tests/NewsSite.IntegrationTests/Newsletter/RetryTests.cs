using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class RetryTests(NewsletterFactory site)
{
    private async Task<long> AddFailedAsync(string email, string kind)
    {
        var row = await site.WithDbAsync(async (db, services) =>
        {
            var message = services.GetRequiredService<Outbox>().Enqueue(new EmailMessage(email, null, $"Retried {kind}", "<p>Hello</p>", "Hello", kind));
            message.Status = OutboxStatus.Failed;
            message.Attempts = 8;
            message.LastError = "550 mailbox full";
            await db.SaveChangesAsync();
            return message;
        });
        return row.Id;
    }

    [Fact]
    public async Task FailedEmails_CanBeRetriedByAnEditor_AreDelivered_AndTheRetryIsAudited()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var email = $"retry-{Guid.NewGuid():n}@example.org";
        var id = await AddFailedAsync(email, "confirmation");

        var page = Html.Parse(await editor.GetStringAsync("/admin/newsletters"));
        Assert.NotNull(page.QuerySelector("form[action='/admin/newsletters/retry-failed'] button"));

        var response = await editor.PostFormAsync("/admin/newsletters/retry-failed", [], tokenFrom: "/admin/newsletters");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await site.Smtp.WaitForAsync(email, "Retried confirmation");
        var row = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Status == OutboxStatus.Sent)),
            TimeSpan.FromSeconds(10), "the retried message to be marked sent");
        Assert.Equal(1, row.Attempts);
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "mail-retry")));
    }

    [Fact]
    public async Task RetryingAnIssuesFailures_TouchesOnlyThatIssue()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var save = await editor.PostFieldsAsync("/admin/newsletters/save", [new("Subject", $"Retry issue {Guid.NewGuid():n}"), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new");
        var issueId = int.Parse(save.Headers.Location!.OriginalString.Split('/').Last());
        var mine = await AddFailedAsync($"issue-retry-{Guid.NewGuid():n}@example.org", $"newsletter:{issueId}");
        var other = await AddFailedAsync($"other-retry-{Guid.NewGuid():n}@example.org", "newsletter:999999");

        var response = await editor.PostFormAsync($"/admin/newsletters/{issueId}/retry-failed", [], tokenFrom: $"/admin/newsletters/{issueId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mine && m.Status == OutboxStatus.Sent)),
            TimeSpan.FromSeconds(10), "the issue's message to be sent");
        Assert.Equal(OutboxStatus.Failed, (await site.WithDbAsync((db, _) => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == other))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostFormAsync("/admin/newsletters/999999/retry-failed", [], tokenFrom: "/admin/newsletters")).StatusCode);

        // Clean up, so the "retry all" of another test does not send it.
        await site.WithDbAsync(db => db.Outbox.Where(m => m.Id == other).ExecuteDeleteAsync());
    }
}
