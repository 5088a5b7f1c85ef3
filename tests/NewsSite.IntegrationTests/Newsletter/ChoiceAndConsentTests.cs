using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.IntegrationTests.Newsroom;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Newsletter.Signup;
using Microsoft.Extensions.DependencyInjection;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>Several newsletters as readers see them at signup, and the consent ledger that records what they chose.</summary>
[Collection(NewsletterCollection.Name)]
public sealed class ChoiceAndConsentTests(NewsletterFactory site)
{
    private static string NewAddress() => $"ledger-{Guid.NewGuid():n}@example.org";

    // A newsletter of its own for a section of its own, after the seeded first one.
    private async Task<(Data.Entities.Newsletter Newsletter, Article Story)> SectionNewsletterAsync(bool active = true)
    {
        var slug = $"s{Guid.NewGuid():n}"[..12];
        var story = await new ArticleBuilder().InSection(slug).SaveAsync(site);
        var newsletter = await site.WithDbAsync(async (db, _) =>
        {
            var n = new Data.Entities.Newsletter
            {
                Slug = slug, Name = $"The {slug} briefing", Description = $"Everything from {slug}.", Position = 100, IsActive = active,
                Sections = [await db.Sections.SingleAsync(s => s.Slug == slug)],
            };
            db.Newsletters.Add(n);
            await db.SaveChangesAsync();
            return n;
        });
        return (newsletter, story);
    }

    private async Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields) =>
        await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent(fields));

    private Task<List<ConsentEvent>> EventsAsync(string email) => site.WithDbAsync(async (db, services) =>
    {
        var hash = await services.GetRequiredService<SiteKeys>().HashAddressAsync(email, CancellationToken.None);
        return await db.ConsentEvents.AsNoTracking().Where(e => e.AddressHash == hash).OrderBy(e => e.Id).ToListAsync();
    });

    [Fact]
    public async Task TheStoryBox_OffersTheNewsletterOfItsSection_ByName_AndSignsUpToIt_WithThatWordingInTheLedger()
    {
        var (newsletter, story) = await SectionNewsletterAsync();
        var page = Html.Parse(await StaffClient.Anonymous(site).Http.GetStringAsync(story.UrlOf()));
        var box = page.QuerySelector(".article .newsletter-box")!;
        Assert.Equal(newsletter.Id.ToString(), box.QuerySelector("input[name=Newsletters]")?.GetAttribute("value"));
        Assert.Equal(story.Id.ToString(), box.QuerySelector("input[name=ArticleId]")?.GetAttribute("value"));
        Assert.Contains(newsletter.Name, box.QuerySelector("h2")?.TextContent);
        var wording = box.QuerySelector(".consent")!.TextContent;
        Assert.Equal(NewsletterConsent.ForBox(newsletter.Name), wording);
        // A story in a section no newsletter covers offers the first newsletter.
        var other = Html.Parse(await StaffClient.Anonymous(site).Http.GetStringAsync((await new ArticleBuilder().SaveAsync(site)).UrlOf()));
        Assert.Equal(SignupService.FirstNewsletterId.ToString(), other.QuerySelector(".article .newsletter-box input[name=Newsletters]")?.GetAttribute("value"));

        var email = NewAddress();
        var fields = box.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).Append(new("Email", email));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(fields)).StatusCode);

        var subscriber = await site.WithDbAsync((db, _) => db.Subscribers.Include(s => s.Subscriptions).AsNoTracking().SingleAsync(s => s.Email == email));
        Assert.Equal([newsletter.Id], subscriber.Subscriptions.Select(s => s.NewsletterId));
        Assert.Equal(story.Id, subscriber.SignupArticleId);
        var signedUp = Assert.Single(await EventsAsync(email));
        Assert.Equal(ConsentEventKind.SignedUp, signedUp.Kind);
        Assert.Equal(subscriber.Id, signedUp.SubscriberId);
        Assert.Equal(wording, signedUp.Wording);
        Assert.Equal(story.UrlOf(), signedUp.Source);
        Assert.Contains(newsletter.Id.ToString(), signedUp.Detail);
    }

    [Fact]
    public async Task TheSignupPage_OffersTheActiveNewsletters_AndSubscribesToThoseTicked_OrTheFirst()
    {
        var (active, _) = await SectionNewsletterAsync();
        var (retired, _) = await SectionNewsletterAsync(active: false);
        var page = Html.Parse(await StaffClient.Anonymous(site).Http.GetStringAsync("/newsletter"));
        var offered = page.QuerySelectorAll(".signup-page input[name=Newsletters][type=checkbox]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(SignupService.FirstNewsletterId.ToString(), offered[0]);
        Assert.Contains(active.Id.ToString(), offered);
        Assert.DoesNotContain(retired.Id.ToString(), offered);

        var both = NewAddress();
        await PostAsync([new("Email", both), new("Newsletters", "1"), new("Newsletters", active.Id.ToString()), new("Newsletters", retired.Id.ToString())]);
        var none = NewAddress();
        await PostAsync([new("Email", none), new("ArticleId", "999999")]);

        var chosen = await site.WithDbAsync((db, _) => db.NewsletterSubscriptions.AsNoTracking().Where(s => s.Subscriber.Email == both).Select(s => s.NewsletterId).OrderBy(i => i).ToListAsync());
        Assert.Equal(new[] { 1, active.Id }, chosen);
        var fallback = await site.WithDbAsync((db, _) => db.Subscribers.Include(s => s.Subscriptions).AsNoTracking().SingleAsync(s => s.Email == none));
        Assert.Equal([SignupService.FirstNewsletterId], fallback.Subscriptions.Select(s => s.NewsletterId));
        Assert.Null(fallback.SignupArticleId);
        Assert.Equal(NewsletterConsent.Text, (await EventsAsync(none)).Single().Wording);
    }

    [Fact]
    public async Task Confirming_AndUnsubscribing_AreRecorded()
    {
        var email = NewAddress();
        await PostAsync([new("Email", email)]);
        var link = Mailbox.LinkStartingWith(await site.Smtp.WaitForAsync(email, "Confirm your subscription"), "http://news.test/newsletter/confirm?token=");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var browser = StaffClient.Anonymous(site);
        var confirmed = await browser.PostFormAsync("/newsletter/confirm", new() { ["token"] = token }, tokenFrom: new Uri(link).PathAndQuery);
        Assert.NotNull(Html.Parse(await confirmed.Content.ReadAsStringAsync()).QuerySelector("[data-newsletter-memory=remember]"));
        var unsubscribeToken = await site.WithDbAsync((db, _) => db.Subscribers.Where(s => s.Email == email).Select(s => s.UnsubscribeToken).SingleAsync());
        var gone = await site.CreateBrowserlessClient().PostAsync($"/newsletter/unsubscribe?token={unsubscribeToken}", null);
        Assert.NotNull(Html.Parse(await gone.Content.ReadAsStringAsync()).QuerySelector("[data-newsletter-memory=forget]"));

        Assert.Equal([ConsentEventKind.SignedUp, ConsentEventKind.Confirmed, ConsentEventKind.Withdrawn], (await EventsAsync(email)).Select(e => e.Kind));
    }

    private static MultipartFormDataContent ImportForm(string token, string csv, string? source, bool confirmed = false)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "list.csv" } };
        if (source is not null)
        {
            form.Add(new StringContent(source), "consentSource");
        }
        if (confirmed)
        {
            form.Add(new StringContent("true"), "alreadyConfirmed");
        }
        return form;
    }

    [Fact]
    public async Task Import_MustSayWhereConsentCameFrom_AndRecordsIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var email = NewAddress();

        await editor.Http.PostAsync("/admin/subscribers/import", ImportForm(await editor.TokenAsync("/admin/subscribers"), email, source: null));
        Assert.Contains("Say where these people consented", Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelector(".flash")?.TextContent);
        Assert.False(await site.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email == email)));

        await editor.Http.PostAsync("/admin/subscribers/import", ImportForm(await editor.TokenAsync("/admin/subscribers"), email, "the 2026 book fair sheet"));
        var imported = Assert.Single(await EventsAsync(email));
        Assert.Equal(ConsentEventKind.Imported, imported.Kind);
        Assert.Equal("the 2026 book fair sheet", imported.Source);
        Assert.NotNull(imported.ActorName);
        var export = await editor.GetStringAsync($"/admin/subscribers/export.csv?q={Uri.EscapeDataString(email)}");
        Assert.Contains("consent_events", export.Split('\n')[0]);
        Assert.Contains("Imported | the 2026 book fair sheet", export);
    }

    [Fact]
    public async Task ImportAsConfirmed_IsAnAdministratorsDecision()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var email = NewAddress();
        Assert.Null(Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelector("input[name=alreadyConfirmed]"));

        await editor.Http.PostAsync("/admin/subscribers/import", ImportForm(await editor.TokenAsync("/admin/subscribers"), email, "old list", confirmed: true));

        Assert.Contains("Only an administrator", Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelector(".flash")?.TextContent);
        Assert.False(await site.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email == email)));
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        Assert.NotNull(Html.Parse(await admin.GetStringAsync("/admin/subscribers")).QuerySelector("input[name=alreadyConfirmed]"));
        await admin.Http.PostAsync("/admin/subscribers/import", ImportForm(await admin.TokenAsync("/admin/subscribers"), email, "old list", confirmed: true));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Details!.Contains("marked confirmed") && a.Details.Contains("old list"))));
        Assert.Equal("imported as already confirmed", (await EventsAsync(email)).Single().Detail);
    }

    [Fact]
    public async Task Erasing_LeavesATombstone_AndALaterImportDoesNotBringTheReaderBack()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var email = NewAddress();
        await PostAsync([new("Email", email), new("Name", "Robin Reader")]);
        var id = await site.WithDbAsync((db, _) => db.Subscribers.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());

        await editor.PostFormAsync($"/admin/subscribers/{id}/erase", [], tokenFrom: "/admin/subscribers");

        var events = await EventsAsync(email);
        Assert.Equal([ConsentEventKind.SignedUp, ConsentEventKind.Erased], events.Select(e => e.Kind));
        Assert.All(events, e =>
        {
            Assert.Null(e.SubscriberId);
            Assert.Null(e.Wording);
            Assert.Null(e.Source);
            Assert.Null(e.Detail);
            Assert.Null(e.ActorName);
        });
        Assert.False(await site.WithDbAsync((db, _) => db.ConsentEvents.AnyAsync(e => e.SubscriberId == id)));

        await editor.Http.PostAsync("/admin/subscribers/import", ImportForm(await editor.TokenAsync("/admin/subscribers"), $"{email}\n{email.ToUpperInvariant()}", "a list bought elsewhere"));

        Assert.False(await site.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email == email)));
        Assert.Contains("1 erased earlier, not re-added", Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelector(".flash")?.TextContent);
    }

    [Fact]
    public async Task TheSubscribersPage_CountsSignupsPerStory()
    {
        var story = await new ArticleBuilder().Titled($"Signup magnet {Guid.NewGuid():n}").SaveAsync(site);
        for (var i = 0; i < 25; i++)
        {
            await PostAsync([new("Email", NewAddress()), new("ArticleId", story.Id.ToString())]);
        }
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var row = Html.Parse(await editor.GetStringAsync("/admin/subscribers")).QuerySelectorAll(".signups-by-article tbody tr")
            .Single(r => r.QuerySelector("a")?.GetAttribute("href") == story.UrlOf());

        Assert.Equal("25", row.QuerySelectorAll("td")[1].TextContent);
    }

    [Fact]
    public async Task TheWelcome_GreetsByName_AndOffersRecentStoriesFromTheChosenNewslettersSections()
    {
        var (newsletter, story) = await SectionNewsletterAsync();
        var elsewhere = await new ArticleBuilder().Titled($"Elsewhere {Guid.NewGuid():n}").Featured().SaveAsync(site);
        var email = NewAddress();
        await PostAsync([new("Email", email), new("Name", "Morgan"), new("Newsletters", newsletter.Id.ToString())]);
        var link = Mailbox.LinkStartingWith(await site.Smtp.WaitForAsync(email, "Confirm your subscription"), "http://news.test/newsletter/confirm?token=");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await StaffClient.Anonymous(site).PostFormAsync("/newsletter/confirm", new() { ["token"] = token }, tokenFrom: new Uri(link).PathAndQuery);

        var welcome = await site.Smtp.WaitForAsync(email, "Welcome");

        Assert.Contains("Welcome, Morgan", welcome.HtmlBody);
        Assert.Contains(story.Title, welcome.HtmlBody);
        Assert.Contains($"http://news.test{story.UrlOf()}", welcome.TextBody);
        Assert.DoesNotContain(elsewhere.Title, welcome.HtmlBody + welcome.TextBody);
        Assert.Contains("http://news.test/newsletter/preferences?t=", welcome.TextBody);
        Assert.NotNull((await site.WithDbAsync((db, _) => db.Subscribers.AsNoTracking().SingleAsync(s => s.Email == email))).WelcomeSentAt);
    }
}
