using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Signup;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class IssueTests(NewsletterFactory site)
{
    private async Task<Subscriber> AddSubscriberAsync(SubscriberStatus status)
    {
        var subscriber = new Subscriber
        {
            Email = $"{status.ToString().ToLowerInvariant()}-{Guid.NewGuid():n}@example.org",
            Status = status,
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = status == SubscriberStatus.Confirmed ? DateTime.UtcNow : null,
            UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(subscriber); await db.SaveChangesAsync(); });
        return subscriber;
    }

    private static int IdFrom(HttpResponseMessage response) => int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

    [Fact]
    public async Task Issue_ToConfirmedSubscribers_MakesExactlyOneMessageEach_WithOneClickUnsubscribeHeaders_AndCannotBeSentTwice()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var confirmed = new[] { await AddSubscriberAsync(SubscriberStatus.Confirmed), await AddSubscriberAsync(SubscriberStatus.Confirmed), await AddSubscriberAsync(SubscriberStatus.Confirmed) };
        var pending = await AddSubscriberAsync(SubscriberStatus.Pending);
        var unsubscribed = await AddSubscriberAsync(SubscriberStatus.Unsubscribed);
        var subject = $"Morning briefing {Guid.NewGuid():n}";

        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("Intro", "Good morning.\n\nHere is the news."), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));
        var everyoneConfirmed = await site.WithDbAsync((db, _) => db.Subscribers
            // Other tests in the collection leave readers who chose another newsletter, paused (the preference centre)
            // or were suppressed (bounces).
            .Where(s => s.Status == SubscriberStatus.Confirmed && s.Subscriptions.Any(x => x.NewsletterId == 1) && (s.PausedUntil == null || s.PausedUntil < DateTime.UtcNow)
                && !db.Suppressions.Any(x => x.Address == s.Email && x.LiftedAt == null))
            .Select(s => s.Email).ToListAsync());

        var send = await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var again = await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var received = await Poll.UntilAsync(() => Task.FromResult(
            site.Smtp.Messages.Where(m => m.Subject == subject).ToList() is { } list && list.Count >= everyoneConfirmed.Count ? list : null),
            TimeSpan.FromSeconds(30), "every confirmed subscriber's copy");
        var recipients = received.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(everyoneConfirmed.Order(), recipients.Order());
        Assert.Equal(recipients.Count, recipients.Distinct().Count());
        Assert.DoesNotContain(pending.Email, recipients);
        Assert.DoesNotContain(unsubscribed.Email, recipients);
        Assert.Equal(everyoneConfirmed.Count, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"newsletter:{id}")));

        // Who received the issue is recorded once each, apart from the outbox (which forgets sent mail in time).
        var recorded = await Poll.UntilAsync(async () => await site.WithDbAsync((db, _) => db.NewsletterRecipients.AsNoTracking().Where(r => r.NewsletterIssueId == id).ToListAsync())
            is { } list && list.Count >= everyoneConfirmed.Count ? list : null, TimeSpan.FromSeconds(10), "a recipient record for every copy");
        Assert.Equal(everyoneConfirmed.Order(), recorded.Select(r => r.Address).Order());
        Assert.Equal(confirmed[0].Id, recorded.Single(r => r.Address == confirmed[0].Email).SubscriberId);

        var mine = received.Single(m => m.To.Mailboxes.Single().Address == confirmed[0].Email);
        Assert.Contains($"/newsletter/unsubscribe?token={confirmed[0].UnsubscribeToken}>", mine.Headers["List-Unsubscribe"]);
        Assert.Contains("<mailto:", mine.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mine.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(story.Title, mine.HtmlBody);
        // Story links say they came from this newsletter (without click counting too), for the page-view counts.
        Assert.Contains($"http://news.test{story.UrlOf()}?utm_source=newsletter&utm_medium=email&utm_campaign=", mine.TextBody);
        Assert.Contains($"href=\"http://news.test{story.UrlOf()}?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=", mine.HtmlBody);
        Assert.Contains(confirmed[0].UnsubscribeToken, mine.TextBody);
        Assert.DoesNotContain(confirmed[1].UnsubscribeToken, mine.HtmlBody);
        // Every issue carries the reader's own preferences link, filled in per reader when sent.
        Assert.DoesNotContain(Web.Features.Newsletter.Emails.NewsletterEmails.PreferencesPlaceholder, mine.HtmlBody + mine.TextBody);
        var preferences = System.Text.RegularExpressions.Regex.Match(mine.TextBody!, @"Your newsletter preferences: (\S+)").Groups[1].Value;
        var preferencesPage = await site.CreateBrowserlessClient().GetStringAsync(preferences);
        Assert.Contains(confirmed[0].Email, preferencesPage);

        // The link in the email unsubscribes with one POST and nothing else.
        var oneClick = await site.CreateBrowserlessClient().PostAsync($"/newsletter/unsubscribe?token={confirmed[0].UnsubscribeToken}",
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        var progress = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}"));
        Assert.Contains($"Queued for {everyoneConfirmed.Count} subscribers", progress.QuerySelector(".panel [role=status]")?.TextContent);
    }

    [Fact]
    public async Task Preview_AndTestSend_GoOnlyToTheEditor()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var editor = StaffClient.Anonymous(site);
        await editor.SignInAsync(editorEmail, StaffClient.Password);
        var story = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Preview me {Guid.NewGuid():n}";
        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));

        var preview = await editor.GetStringAsync($"/admin/newsletters/{id}/preview");
        Assert.Contains(story.Title, preview);
        var previewHtml = await editor.GetStringAsync($"/admin/newsletters/{id}/preview.html");
        Assert.Contains(story.Title, previewHtml);
        // The unsubscribe link reads as a subscriber's would, not with the sending machinery's placeholder.
        Assert.DoesNotContain("ZZUNSUBSCRIBETOKENZZ", preview + previewHtml);
        Assert.Contains("/newsletter/unsubscribe?token=preview-not-a-real-token", previewHtml);

        await editor.PostFormAsync($"/admin/newsletters/{id}/test", [], tokenFrom: $"/admin/newsletters/{id}");

        var test = await site.Smtp.WaitForAsync(editorEmail, $"[Test] {subject}");
        Assert.Contains(story.Title, test.HtmlBody);
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"newsletter:{id}")));
    }

    [Fact]
    public async Task SendToSubscribers_FromAPublishedStory_StartsADraftIssue()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);

        var response = await editor.PostFormAsync($"/admin/newsletters/from-article/{story.Id}", [], tokenFrom: $"/admin/articles/{story.Id}");

        var id = IdFrom(response);
        var issue = await site.WithDbAsync((db, _) => db.NewsletterIssues.Include(i => i.Articles).SingleAsync(i => i.Id == id));
        Assert.Equal(story.Title, issue.Subject);
        Assert.Equal([story.Id], issue.Articles.Select(a => a.ArticleId));
        Assert.Equal(NewsletterIssueStatus.Draft, issue.Status);
    }

    [Fact]
    public async Task Writer_CannotSeeSubscribersOrNewsletters()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        foreach (var path in new[] { "/admin/subscribers", "/admin/newsletters", "/admin/subscribers/export.csv" })
        {
            var response = await writer.Http.GetAsync(path);
            Assert.StartsWith("https://localhost/admin/access-denied", response.Headers.Location?.ToString());
        }
    }

    [Fact]
    public async Task Import_DeduplicatesAndSendsConfirmations_Export_ListsThem_Erase_RemovesEverything()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var known = await AddSubscriberAsync(SubscriberStatus.Confirmed);
        var a = $"import-a-{Guid.NewGuid():n}@example.org";
        var b = $"import-b-{Guid.NewGuid():n}@example.org";
        var csv = $"email,name\n{a},Alex\n{b.ToUpperInvariant()}, Bea \n{a}\n{known.Email}\nnot-an-address\n";

        var token = await editor.TokenAsync("/admin/subscribers");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("signup sheet at the 2026 book fair"), "consentSource" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "list.csv" } };
        var import = await editor.Http.PostAsync("/admin/subscribers/import", form);
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);

        var imported = await site.WithDbAsync((db, _) => db.Subscribers.Where(s => s.Email == a || s.Email == b).ToListAsync());
        Assert.Equal(2, imported.Count);
        Assert.All(imported, s => Assert.Equal(SubscriberStatus.Pending, s.Status));
        Assert.Equal("Bea", imported.Single(s => s.Email == b).Name);
        await site.Smtp.WaitForAsync(a, "Confirm");
        await site.Smtp.WaitForAsync(b, "Confirm");
        var flash = Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelector(".flash")?.TextContent;
        Assert.Contains("Imported 2 new addresses", flash);
        Assert.Contains("1 were already on the list", flash);
        Assert.Contains("1 rows were not valid", flash);

        var export = await editor.GetStringAsync($"/admin/subscribers/export.csv?q={Uri.EscapeDataString(a)}");
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("email,name,status", lines[0]);
        Assert.StartsWith($"{a},Alex,Pending", lines[1]);
        Assert.Equal(2, lines.Length);

        var id = imported.Single(s => s.Email == a).Id;
        await editor.PostFormAsync($"/admin/subscribers/{id}/erase", [], tokenFrom: "/admin/subscribers");
        Assert.False(await site.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email == a)));
        Assert.False(await site.WithDbAsync((db, _) => db.Outbox.AnyAsync(m => m.ToAddress == a)));
    }

    [Fact]
    public async Task ImportMarkedConfirmed_ByAnAdministrator_SendsNoConfirmation()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var email = $"preconfirmed-{Guid.NewGuid():n}@example.org";
        var token = await editor.TokenAsync("/admin/subscribers");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("true"), "alreadyConfirmed" },
            { new StringContent("our old list, double opt-in since 2019"), "consentSource" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(email)), "file", "list.csv" },
        };

        await editor.Http.PostAsync("/admin/subscribers/import", form);

        var subscriber = await site.WithDbAsync((db, _) => db.Subscribers.SingleAsync(s => s.Email == email));
        Assert.Equal(SubscriberStatus.Confirmed, subscriber.Status);
        Assert.Equal("import-confirmed", subscriber.Origin);
        Assert.False(await site.WithDbAsync((db, _) => db.Outbox.AnyAsync(m => m.ToAddress == email)));
    }
}
