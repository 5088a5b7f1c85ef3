using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Shared;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class NewsletterListTests(NewsletterFactory site)
{
    private static int IdFrom(HttpResponseMessage response) => int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

    private async Task<Subscriber> SubscriberOfAsync(int newsletterId)
    {
        var subscriber = new Subscriber
        {
            Email = $"list-{Guid.NewGuid():n}@example.org",
            Status = SubscriberStatus.Confirmed,
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow,
            UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = newsletterId, CreatedAt = DateTime.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(subscriber); await db.SaveChangesAsync(); });
        return subscriber;
    }

    private static Task<HttpResponseMessage> CreateNewsletterAsync(StaffClient editor, string name, string sender, int sectionId) =>
        editor.PostFieldsAsync("/admin/newsletters/lists/save",
        [
            new("Name", name), new("Description", "The morning's news."), new("SenderName", sender), new("SectionIds", sectionId.ToString()),
            new("IsActive", "true"), new("IsActive", "false"), new("Position", "5"), new("IsDigest", "false"), new("DigestTime", "07:00"), new("DigestMaxStories", "10"),
        ], tokenFrom: "/admin/newsletters/lists/new");

    [Fact]
    public async Task Newsletter_CreatedByAnEditor_IsAudited_CountsItsSubscribers_AndItsIssueGoesOnlyToThem_FromItsSenderName()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var sectionId = await site.WithDbAsync((db, _) => db.Sections.Select(s => s.Id).FirstAsync());
        var name = $"Morning {Guid.NewGuid():n}"[..20];

        var created = await CreateNewsletterAsync(editor, name, "The Morning Desk", sectionId);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var newsletterId = IdFrom(created);
        var saved = await site.WithDbAsync((db, _) => db.Newsletters.Include(n => n.Sections).AsNoTracking().SingleAsync(n => n.Id == newsletterId));
        Assert.Equal("The Morning Desk", saved.SenderName);
        Assert.Equal([sectionId], saved.Sections.Select(s => s.Id));
        Assert.True(saved.IsActive);
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "newsletter-created" && a.Target!.Contains(name))));

        var theirs = await SubscriberOfAsync(newsletterId);
        var otherListOnly = await SubscriberOfAsync(1);
        var lists = Html.Parse(await editor.GetStringAsync("/admin/newsletters/lists"));
        var row = lists.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.Equal("1", row.QuerySelectorAll("td")[2].TextContent.Trim());

        var story = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Only for {name}";
        var issueId = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("NewsletterId", newsletterId.ToString()), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));
        Assert.Equal(newsletterId, await site.WithDbAsync((db, _) => db.NewsletterIssues.Where(i => i.Id == issueId).Select(i => i.NewsletterId).SingleAsync()));
        await editor.PostFormAsync($"/admin/newsletters/{issueId}/send", [], tokenFrom: $"/admin/newsletters/{issueId}");

        var message = await site.Smtp.WaitForAsync(theirs.Email, subject);
        Assert.Equal("The Morning Desk", message.From.Mailboxes.Single().Name);
        Assert.Equal([theirs.Email], await site.WithDbAsync((db, _) => db.Outbox.Where(m => m.Kind == $"newsletter:{issueId}").Select(m => m.ToAddress).ToListAsync()));
        Assert.Empty(site.Smtp.To(otherListOnly.Email));
    }

    [Fact]
    public async Task Newsletter_WithAnAddressInUse_IsRefused()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var sectionId = await site.WithDbAsync((db, _) => db.Sections.Select(s => s.Id).FirstAsync());

        var response = await editor.PostFieldsAsync("/admin/newsletters/lists/save",
            [new("Name", "Another"), new("Slug", "newsletter"), new("SectionIds", sectionId.ToString()), new("IsActive", "true")], tokenFrom: "/admin/newsletters/lists/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already uses that address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SentIssue_HasAWebVersionWithoutPersonalLinks_InTheArchive_LinkedFromTheEmail_AndDraftsStayPrivate()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var subscriber = await SubscriberOfAsync(1);
        var story = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Archive me {Guid.NewGuid():n}";
        var issueId = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("Intro", "Hello, readers."), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));
        var webPath = $"/newsletters/newsletter/{issueId}";

        // A draft is nobody's business; the archive (cached from here on) does not list it.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(webPath)).StatusCode);
        Assert.DoesNotContain(subject, await reader.GetStringAsync("/newsletters"));

        await editor.PostFormAsync($"/admin/newsletters/{issueId}/send", [], tokenFrom: $"/admin/newsletters/{issueId}");

        var web = await reader.GetAsync(webPath);
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        var page = await web.Content.ReadAsStringAsync();
        Assert.Contains(subject, page);
        Assert.Contains(story.Title, page);
        Assert.Contains("Hello, readers.", page);
        Assert.DoesNotContain(SiteUrls.NewsletterUnsubscribe, page);
        Assert.DoesNotContain(subscriber.UnsubscribeToken, page);
        Assert.DoesNotContain("ZZUNSUBSCRIBETOKENZZ", page);
        // Sending evicted the cached archive: it lists the issue at once.
        Assert.Contains(webPath, await reader.GetStringAsync("/newsletters"));
        Assert.Contains(webPath, await reader.GetStringAsync("/newsletters/newsletter"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/newsletters/no-such-list/{issueId}")).StatusCode);

        var email = await site.Smtp.WaitForAsync(subscriber.Email, subject);
        var link = Html.Parse(email.HtmlBody!).QuerySelectorAll("a").First();
        Assert.Equal("View in your browser", link.TextContent.Trim());
        Assert.Equal($"http://news.test{webPath}", link.GetAttribute("href"));
        Assert.StartsWith($"View in your browser: http://news.test{webPath}", email.TextBody!.TrimStart());
        Assert.Contains(SiteUrlsArchive, await reader.GetStringAsync("/newsletter"));
    }

    private const string SiteUrlsArchive = "href=\"/newsletters\"";

    [Fact]
    public async Task IssueEmail_HasAHiddenPreheader_SectionLabelsAndBylines_AndAltTextOnEveryImage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().WithStandfirst("The standfirst that leads the inbox line.").By("Ada Reporter")
            .With(a => { a.HeroImageUrl = "/images/hero.jpg"; a.HeroImageAlt = null; }).SaveAsync(site);
        var section = await site.WithDbAsync((db, _) => db.Sections.Where(s => s.Id == story.SectionId).Select(s => s.Name).SingleAsync());
        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", "Preheader check"), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));

        var html = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}/preview.html"));

        var preheader = html.QuerySelector("body > div");
        Assert.Equal("The standfirst that leads the inbox line.", preheader?.TextContent.Trim());
        Assert.Contains("display:none", preheader!.GetAttribute("style"));
        Assert.Equal("light dark", html.QuerySelector("meta[name=color-scheme]")?.GetAttribute("content"));
        Assert.Contains(html.QuerySelectorAll("p"), p => p.TextContent.Trim() == section);
        Assert.Contains(html.QuerySelectorAll("p"), p => p.TextContent.Trim() == "By Ada Reporter");
        Assert.All(html.QuerySelectorAll("img"), img => Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt"))));
    }
}
