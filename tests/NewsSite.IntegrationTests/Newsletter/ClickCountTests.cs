using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>The newsletter site with click and open counting turned on.</summary>
public sealed class CountingFactory : SmtpSiteFactory, IAsyncLifetime
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Newsletter:CountClicks"] = "true",
        ["Newsletter:CountOpens"] = "true",
    };

    public Task InitializeAsync() => Smtp.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class ClickCountTests(CountingFactory site) : IClassFixture<CountingFactory>
{
    [Fact]
    public async Task CountedIssue_LinksGoThroughTheSite_ToTheStoredAddressOnly_AndCountClicksAndOpens_WithoutAnyPerReaderRecord()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = new Subscriber
        {
            Email = $"counted-{Guid.NewGuid():n}@example.org", Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        reader.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(reader); await db.SaveChangesAsync(); });
        // The paper's postal address from its settings goes in every issue's footer (this site's own settings).
        await site.WithDbAsync(async db =>
        {
            var settings = await db.Set<SiteSettings>().FirstOrDefaultAsync();
            if (settings is null)
            {
                settings = new SiteSettings();
                db.Add(settings);
            }
            settings.PostalAddress = "1 Press Row, Testville TV1 1AA";
            await db.SaveChangesAsync();
        });
        var story = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Counted {Guid.NewGuid():n}";
        var saved = await editor.PostFieldsAsync("/admin/newsletters/save", [new("Subject", subject), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new");
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

        // Previews carry no pixel and no counted links.
        var preview = await editor.GetStringAsync($"/admin/newsletters/{id}/preview.html");
        Assert.DoesNotContain("/newsletters/click/", preview);
        Assert.DoesNotContain("/newsletters/open/", preview);

        await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}");
        var email = await site.Smtp.WaitForAsync(reader.Email, subject);

        var links = await site.WithDbAsync((db, _) => db.NewsletterLinks.AsNoTracking().Where(l => l.NewsletterIssueId == id).ToListAsync());
        // The story's address carries the newsletter's utm parameters, so the page-view counts class the visit as from it.
        var storyLink = links.Single(l => l.Url == $"http://news.test{story.UrlOf()}?utm_source=newsletter&utm_medium=email&utm_campaign=newsletter");
        var webLink = links.Single(l => l.Url == $"http://news.test/newsletters/newsletter/{id}");
        var html = Html.Parse(email.HtmlBody!);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"http://news.test/newsletters/click/{storyLink.Id}");
        Assert.Equal($"http://news.test/newsletters/click/{webLink.Id}", html.QuerySelectorAll("a").First().GetAttribute("href"));
        Assert.DoesNotContain($"href=\"http://news.test{story.UrlOf()}", email.HtmlBody);
        Assert.Contains($"http://news.test/newsletters/click/{storyLink.Id}", email.TextBody);
        Assert.StartsWith($"View in your browser: http://news.test/newsletters/click/{webLink.Id}", email.TextBody!.TrimStart());
        Assert.Contains("1 Press Row, Testville TV1 1AA", email.HtmlBody);
        Assert.Contains("1 Press Row, Testville TV1 1AA", email.TextBody);
        // The unsubscribe link stays the reader's own, straight to the site.
        Assert.Contains($"/newsletter/unsubscribe?token={reader.UnsubscribeToken}", email.HtmlBody);

        var visitor = site.CreateBrowserlessClient();
        var click = await visitor.GetAsync($"/newsletters/click/{storyLink.Id}");
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal(storyLink.Url, click.Headers.Location!.ToString());
        await visitor.GetAsync($"/newsletters/click/{storyLink.Id}?to=https://evil.example");
        Assert.Equal(2, await site.WithDbAsync((db, _) => db.NewsletterLinks.Where(l => l.Id == storyLink.Id).Select(l => l.Clicks).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/newsletters/click/999999")).StatusCode);

        var pixelUrl = html.QuerySelectorAll("img").Single(i => i.GetAttribute("width") == "1").GetAttribute("src");
        Assert.Equal($"http://news.test/newsletters/open/{id}.gif", pixelUrl);
        var pixel = await visitor.GetAsync($"/newsletters/open/{id}.gif");
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.NewsletterIssues.Where(i => i.Id == id).Select(i => i.Opens).SingleAsync()));

        var page = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}"));
        var counts = page.QuerySelector("section[aria-labelledby=counts]")!;
        Assert.Contains(counts.QuerySelectorAll("tr"), r => r.TextContent.Contains(storyLink.Url) && r.QuerySelectorAll("td").Last().TextContent == "2");
        Assert.Contains("1 opens", counts.TextContent);
        Assert.Contains("unreliable", counts.TextContent);
    }
}
