using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.IntegrationTests.Newsroom;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Newsletter.Preferences;
using NewsSite.Web.Features.Newsletter.Signup;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class PreferenceCentreTests(NewsletterFactory site)
{
    private async Task<(Subscriber Subscriber, string Link)> ConfirmedReaderAsync(string? name = null)
    {
        var email = $"prefs-{Guid.NewGuid():n}@example.org";
        var subscriber = await site.WithDbAsync(async (db, _) =>
        {
            var s = new Subscriber
            {
                Email = email, Name = name, Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = NewsletterTokens.New(),
                Subscriptions = { new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow } },
            };
            db.Subscribers.Add(s);
            await db.SaveChangesAsync();
            return s;
        });
        var link = site.Services.GetRequiredService<PreferenceLinks>().Url(subscriber.UnsubscribeToken);
        return (subscriber, new Uri(link).PathAndQuery);
    }

    private static string TokenOf(string path) => Uri.UnescapeDataString(path[(path.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

    private Task<Subscriber?> ReloadAsync(int id) => site.WithDbAsync((db, _) => db.Subscribers.Include(s => s.Subscriptions).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id));

    [Fact]
    public async Task TheWelcomeEmail_CarriesASignedPreferenceLink_ThatOpensThePersonalUncachedPage()
    {
        var email = $"welcome-prefs-{Guid.NewGuid():n}@example.org";
        await StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", email)]));
        var link = Mailbox.LinkStartingWith(await site.Smtp.WaitForAsync(email, "Confirm your subscription"), "http://news.test/newsletter/confirm?token=");
        var browser = StaffClient.Anonymous(site);
        await browser.PostFormAsync("/newsletter/confirm", new() { ["token"] = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..] }, tokenFrom: new Uri(link).PathAndQuery);
        var welcome = await site.Smtp.WaitForAsync(email, "Welcome");

        var prefs = new Uri(Mailbox.LinkStartingWith(welcome, "http://news.test/newsletter/preferences?t=")).PathAndQuery;
        var response = await browser.Http.GetAsync(prefs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(email, page.QuerySelector(".standfirst")?.TextContent);
        Assert.NotNull(page.QuerySelector("[data-newsletter-memory=remember]"));
        Assert.All(page.QuerySelectorAll(".preferences form[method=post]"), f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        // Twice the same answer means nothing was cached for the next visitor: a second reader's link shows their own address.
        var (other, otherLink) = await ConfirmedReaderAsync();
        Assert.Contains(other.Email, Html.Parse(await browser.Http.GetStringAsync(otherLink)).QuerySelector(".standfirst")?.TextContent);
    }

    [Theory]
    [InlineData("/newsletter/preferences?t=forged")]
    [InlineData("/newsletter/preferences")]
    public async Task AForgedOrMissingLink_OffersToEmailANewOne(string path)
    {
        var response = await StaffClient.Anonymous(site).Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("This link has expired", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/newsletter/preferences/link'] input[name=email]"));
    }

    [Fact]
    public async Task AnExpiredLink_IsRefused()
    {
        var (subscriber, _) = await ConfirmedReaderAsync();
        var protector = site.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("NewsSite.Newsletter.Preferences.v1").ToTimeLimitedDataProtector();
        var expired = protector.Protect(subscriber.UnsubscribeToken, DateTimeOffset.UtcNow.AddMinutes(-1));

        var response = await StaffClient.Anonymous(site).Http.GetAsync($"/newsletter/preferences?t={Uri.EscapeDataString(expired)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheReader_ChoosesNewsletters_Pauses_AndEachChangeIsInTheLedger()
    {
        var (subscriber, link) = await ConfirmedReaderAsync();
        var second = await site.WithDbAsync(async (db, _) =>
        {
            var n = new Data.Entities.Newsletter { Slug = $"p{Guid.NewGuid():n}"[..12], Name = "Weekend reads", Position = 200 };
            db.Newsletters.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });
        var browser = StaffClient.Anonymous(site);
        var t = TokenOf(link);

        var chosen = await browser.PostFieldsAsync("/newsletter/preferences/newsletters", [new("t", t), new("newsletters", second.ToString())], tokenFrom: link);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var paused = await browser.PostFieldsAsync("/newsletter/preferences/pause", [new("t", t), new("weeks", "2")], tokenFrom: link);
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync("/newsletter/preferences/pause", new FormUrlEncodedContent([new("t", t), new("weeks", "4")]))).StatusCode);

        var stored = await ReloadAsync(subscriber.Id);
        Assert.Equal([second], stored!.Subscriptions.Select(s => s.NewsletterId));
        Assert.InRange(stored.PausedUntil!.Value, DateTime.UtcNow.AddDays(13), DateTime.UtcNow.AddDays(15));
        var kinds = await site.WithDbAsync((db, _) => db.ConsentEvents.Where(e => e.SubscriberId == subscriber.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([ConsentEventKind.NewslettersChanged, ConsentEventKind.Paused], kinds);
    }

    [Fact]
    public async Task ChangingAddress_WaitsForTheNewAddressToConfirm()
    {
        var (subscriber, link) = await ConfirmedReaderAsync();
        var newEmail = $"moved-{Guid.NewGuid():n}@example.org";
        var browser = StaffClient.Anonymous(site);

        await browser.PostFieldsAsync("/newsletter/preferences/address", [new("t", TokenOf(link)), new("email", newEmail)], tokenFrom: link);
        Assert.Equal(subscriber.Email, (await ReloadAsync(subscriber.Id))!.Email);
        var confirm = Mailbox.LinkStartingWith(await site.Smtp.WaitForAsync(newEmail, "Confirm your new address"), "http://news.test/newsletter/preferences/confirm-address?token=");
        var token = confirm[(confirm.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.Equal(subscriber.Email, (await ReloadAsync(subscriber.Id))!.Email);
        await browser.PostFormAsync("/newsletter/preferences/confirm-address", new() { ["token"] = token }, tokenFrom: new Uri(confirm).PathAndQuery);

        var moved = await ReloadAsync(subscriber.Id);
        Assert.Equal(newEmail, moved!.Email);
        Assert.Null(moved.PendingEmail);
        Assert.True(await site.WithDbAsync((db, _) => db.ConsentEvents.AnyAsync(e => e.SubscriberId == subscriber.Id && e.Kind == ConsentEventKind.AddressChanged)));
    }

    [Fact]
    public async Task Download_GivesTheReadersDataAsJson_WithConsentEvents()
    {
        var (subscriber, link) = await ConfirmedReaderAsync("Dana Reader");
        var browser = StaffClient.Anonymous(site);
        await browser.PostFieldsAsync("/newsletter/preferences/pause", [new("t", TokenOf(link)), new("weeks", "1")], tokenFrom: link);

        var response = await browser.PostFieldsAsync("/newsletter/preferences/download", [new("t", TokenOf(link))], tokenFrom: link);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(subscriber.Email, json.GetProperty("subscriber").GetProperty("email").GetString());
        Assert.Equal("Dana Reader", json.GetProperty("subscriber").GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("subscriptions")[0].GetProperty("newsletterId").GetInt32());
        Assert.Equal("Paused", json.GetProperty("consentEvents")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("deliveryEvents").ValueKind);
    }

    [Fact]
    public async Task UnsubscribingFromEverything_IsRecorded_AndForgetsTheBrowser()
    {
        var (subscriber, link) = await ConfirmedReaderAsync();

        var response = await StaffClient.Anonymous(site).PostFieldsAsync("/newsletter/preferences/unsubscribe", [new("t", TokenOf(link))], tokenFrom: link);

        Assert.NotNull(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-newsletter-memory=forget]"));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await ReloadAsync(subscriber.Id))!.Status);
        Assert.True(await site.WithDbAsync((db, _) => db.ConsentEvents.AnyAsync(e => e.SubscriberId == subscriber.Id && e.Kind == ConsentEventKind.Withdrawn)));
    }

    [Fact]
    public async Task Erasing_AsksASecondTime_ThenLeavesOnlyATombstone()
    {
        var (subscriber, link) = await ConfirmedReaderAsync("Erin Reader");
        var browser = StaffClient.Anonymous(site);
        var t = TokenOf(link);
        await browser.PostFieldsAsync("/newsletter/preferences/pause", [new("t", t), new("weeks", "1")], tokenFrom: link);

        var confirmPage = $"/newsletter/preferences/erase?t={Uri.EscapeDataString(t)}";
        var ask = Html.Parse(await browser.Http.GetStringAsync(confirmPage));
        Assert.Equal("Erase your data?", ask.QuerySelector("h1")?.TextContent);
        Assert.NotNull(await ReloadAsync(subscriber.Id));

        var erased = await browser.PostFieldsAsync("/newsletter/preferences/erase", [new("t", t)], tokenFrom: confirmPage);

        Assert.NotNull(Html.Parse(await erased.Content.ReadAsStringAsync()).QuerySelector("[data-newsletter-memory=forget]"));
        Assert.Null(await ReloadAsync(subscriber.Id));
        var hash = await site.Services.GetRequiredService<SiteKeys>().HashAddressAsync(subscriber.Email, CancellationToken.None);
        var events = await site.WithDbAsync((db, _) => db.ConsentEvents.AsNoTracking().Where(e => e.AddressHash == hash).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ConsentEventKind.Paused, ConsentEventKind.Erased], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.True(e.SubscriberId is null && e.Detail is null && e.Source is null));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task AskingForALink_AnswersTheSameForAnyAddress_AndMailsOnlyAKnownOne()
    {
        var (subscriber, _) = await ConfirmedReaderAsync();
        var stranger = $"stranger-{Guid.NewGuid():n}@example.org";
        var browser = StaffClient.Anonymous(site);

        var known = await browser.PostFormAsync("/newsletter/preferences/link", new() { ["email"] = subscriber.Email }, tokenFrom: "/newsletter/preferences/link");
        var unknown = await browser.PostFormAsync("/newsletter/preferences/link", new() { ["email"] = stranger }, tokenFrom: "/newsletter/preferences/link");

        Assert.Equal(Html.Parse(await known.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent, Html.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector("main")?.TextContent);
        var mail = await site.Smtp.WaitForAsync(subscriber.Email, "Your newsletter preferences");
        var link = new Uri(Mailbox.LinkStartingWith(mail, "http://news.test/newsletter/preferences?t=")).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(link)).StatusCode);
        Assert.False(await site.WithDbAsync((db, _) => db.Outbox.AnyAsync(m => m.ToAddress == stranger)));
    }
}
