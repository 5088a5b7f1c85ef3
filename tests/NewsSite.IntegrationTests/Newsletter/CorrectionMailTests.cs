using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Signup;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>A correction emailed to exactly the people who received the corrected story in a newsletter, once, over real SMTP.</summary>
[Collection(NewsletterCollection.Name)]
public sealed class CorrectionMailTests(NewsletterFactory site)
{
    private async Task<Subscriber> SubscriberAsync(SubscriberStatus status)
    {
        var subscriber = new Subscriber
        {
            Email = $"reader-{Guid.NewGuid():n}@example.org",
            Status = status,
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow,
            UnsubscribeToken = NewsletterTokens.New(),
        };
        subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(subscriber); await db.SaveChangesAsync(); });
        return subscriber;
    }

    /// <summary>An issue that went out, as the outbox records it: the issue, its stories, and a recipient row per address.</summary>
    private async Task SentIssueAsync(int[] articleIds, params Subscriber[] recipients) => await site.WithDbAsync(async db =>
    {
        var issue = new NewsletterIssue { Subject = $"Briefing {Guid.NewGuid():n}", Status = NewsletterIssueStatus.Sending, CreatedAt = DateTime.UtcNow, QueuedAt = DateTime.UtcNow };
        issue.Articles.AddRange(articleIds.Select((id, i) => new NewsletterIssueArticle { ArticleId = id, Position = i }));
        db.NewsletterIssues.Add(issue);
        await db.SaveChangesAsync();
        db.NewsletterRecipients.AddRange(recipients.Select(r => new NewsletterRecipient { NewsletterIssueId = issue.Id, SubscriberId = r.Id, Address = r.Email, SentAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Correction_GoesToExactlyThatStorysNewsletterRecipients_Once_WithTheirUnsubscribeLink()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().Titled($"Harbour fees rise {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-1)).SaveAsync(site);
        var other = await new ArticleBuilder().SaveAsync(site);
        var first = await SubscriberAsync(SubscriberStatus.Confirmed);
        var second = await SubscriberAsync(SubscriberStatus.Confirmed);
        var gotAnotherIssue = await SubscriberAsync(SubscriberStatus.Confirmed);
        var leftSince = await SubscriberAsync(SubscriberStatus.Unsubscribed);
        await SentIssueAsync([story.Id, other.Id], first, second, leftSince);
        await SentIssueAsync([story.Id], first); // two issues carried the story: one email all the same
        await SentIssueAsync([other.Id], gotAnotherIssue);

        const string text = "An earlier version said fees rise by 40%. They rise by 4%. <b>not bold</b>";
        var added = await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections", new() { ["kind"] = "Correction", ["text"] = text }, tokenFrom: $"/admin/articles/{story.Id}");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await site.WithDbAsync((db, _) => db.Corrections.Where(c => c.ArticleId == story.Id).Select(c => c.Id).SingleAsync());
        var panel = Html.Parse(await editor.GetStringAsync($"/admin/articles/{story.Id}")).QuerySelector($"#corrections form[action='/admin/articles/{story.Id}/corrections/{id}/send'] button");
        Assert.NotNull(panel);
        Assert.Contains("the 2 who got the story", panel.TextContent);

        var sent = await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections/{id}/send", [], tokenFrom: $"/admin/articles/{story.Id}");
        var again = await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections/{id}/send", [], tokenFrom: $"/admin/articles/{story.Id}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var subject = $"Correction: {story.Title}";
        var received = await Poll.UntilAsync(() => Task.FromResult(
            site.Smtp.Messages.Where(m => m.Subject == subject).ToList() is { Count: >= 2 } list ? list : null),
            TimeSpan.FromSeconds(30), "the correction for both recipients");
        // Everything queued has been delivered by now or is in the outbox: the outbox says how many there will ever be.
        Assert.Equal(2, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"correction:{id}")));
        Assert.Equal(new[] { first.Email, second.Email }.Order(), received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.NotNull(await site.WithDbAsync((db, _) => db.Corrections.Where(c => c.Id == id).Select(c => c.SentToSubscribersAt).SingleAsync()));

        var mine = received.Single(m => m.To.Mailboxes.Single().Address == first.Email);
        Assert.Contains(text, mine.TextBody);
        Assert.Contains($"http://news.test{story.UrlOf()}#correction-{id}", mine.TextBody);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", mine.HtmlBody);
        Assert.DoesNotContain("<b>not bold</b>", mine.HtmlBody);
        Assert.Contains($"/newsletter/unsubscribe?token={first.UnsubscribeToken}>", mine.Headers["List-Unsubscribe"]);
        Assert.Contains(first.UnsubscribeToken, mine.TextBody);

        // The panel no longer offers to send it.
        Assert.Null(Html.Parse(await editor.GetStringAsync($"/admin/articles/{story.Id}")).QuerySelector($"#corrections form[action$='/{id}/send']"));
    }

    [Fact]
    public async Task Correction_ToAStoryNoNewsletterCarried_SendsNothing()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections", new() { ["kind"] = "Update", ["text"] = "More detail." }, tokenFrom: $"/admin/articles/{story.Id}");
        var id = await site.WithDbAsync((db, _) => db.Corrections.Where(c => c.ArticleId == story.Id).Select(c => c.Id).SingleAsync());

        var sent = await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections/{id}/send", [], tokenFrom: $"/admin/articles/{story.Id}");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"correction:{id}")));
        Assert.Null(await site.WithDbAsync((db, _) => db.Corrections.Where(c => c.Id == id).Select(c => c.SentToSubscribersAt).SingleAsync()));
    }
}
