using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.IntegrationTests.Newsroom;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class SignupTests(NewsletterFactory site)
{
    private static string NewAddress() => $"reader-{Guid.NewGuid():n}@example.org";

    private Task<HttpResponseMessage> SignUpAsync(string email, string? name = null, string? website = null, string source = "/city/some-story")
    {
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Source"] = source };
        if (name is not null)
        {
            fields["Name"] = name;
        }
        if (website is not null)
        {
            fields["Website"] = website;
        }
        // What the box on a cached page sends: a plain form post, no antiforgery token, no cookie.
        return StaffClient.Anonymous(site).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent(fields));
    }

    private Task<Subscriber?> SubscriberAsync(string email) =>
        site.WithDbAsync((db, _) => db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Email == email));

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [Fact]
    public async Task Signup_SendsConfirmation_AGetConfirmsNothing_TheButtonConfirms_AndAWelcomeFollows()
    {
        var email = NewAddress();

        var response = await SignUpAsync(email, name: "Sam Reader");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());

        var confirmation = await site.Smtp.WaitForAsync(email, "Confirm your subscription");
        Assert.NotNull(confirmation.HtmlBody);
        Assert.NotNull(confirmation.TextBody);
        Assert.DoesNotContain("Sam Reader", confirmation.HtmlBody + confirmation.TextBody + confirmation.To);
        Assert.False(string.IsNullOrEmpty(confirmation.MessageId));
        Assert.Equal("newsletter@localhost", confirmation.From.Mailboxes.Single().Address);
        var link = Mailbox.LinkStartingWith(confirmation, "http://news.test/newsletter/confirm?token=");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.True(token.Length >= 22, "the token carries at least 128 bits");

        var stored = await SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Pending, stored!.Status);
        Assert.NotEqual(token, stored.ConfirmationTokenHash);
        Assert.DoesNotContain(token, JsonSerializer.Serialize(stored));
        Assert.Equal("/city/some-story", stored.ConsentSource);
        Assert.Contains("one-click unsubscribe", stored.ConsentText);

        // A mail scanner opening the link must not subscribe anyone.
        var browser = StaffClient.Anonymous(site);
        var page = await browser.Http.GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Confirm my subscription", await page.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync(email))!.Status);

        var confirmed = await browser.PostFormAsync("/newsletter/confirm", new() { ["token"] = token }, tokenFrom: PathOf(link));
        Assert.Equal("You're subscribed", Html.Parse(await confirmed.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal(SubscriberStatus.Confirmed, (await SubscriberAsync(email))!.Status);

        var welcome = await site.Smtp.WaitForAsync(email, "Welcome");
        Assert.Contains("List-Unsubscribe", welcome.Headers.Select(h => h.Field));
    }

    [Fact]
    public async Task SigningUpTwice_MakesOneRow_AndNoSecondEmailWithinTenMinutes_WithTheSameAnswer()
    {
        var email = NewAddress();
        var first = await (await SignUpAsync(email)).Content.ReadAsStringAsync();
        await site.Smtp.WaitForAsync(email, "Confirm");

        var second = await (await SignUpAsync($"  {email.ToUpperInvariant()} ")).Content.ReadAsStringAsync();

        Assert.Equal(Html.Parse(first).QuerySelector("main")!.TextContent, Html.Parse(second).QuerySelector("main")!.TextContent);
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.Subscribers.CountAsync(s => s.Email == email)));
        var queued = await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email));
        Assert.Equal(1, queued);
    }

    [Fact]
    public async Task PendingAddress_GetsAtMostThreeConfirmationsADay_HoweverTheSignupsAreSpaced()
    {
        var email = NewAddress();
        Task<int> QueuedAsync() => site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email));
        Task RewindAsync(TimeSpan by) => site.WithDbAsync(async db =>
        {
            var subscriber = await db.Subscribers.SingleAsync(s => s.Email == email);
            subscriber.LastConfirmationSentAt -= by;
            subscriber.ConfirmationWindowStartedAt -= by;
            await db.SaveChangesAsync();
        });

        for (var i = 0; i < 4; i++)
        {
            await SignUpAsync(email);
            // Past the ten-minute resend limit each time.
            await RewindAsync(TimeSpan.FromMinutes(11));
        }
        Assert.Equal(3, await QueuedAsync());

        // A day after the first, the window opens again.
        await RewindAsync(TimeSpan.FromHours(24));
        await SignUpAsync(email);
        Assert.Equal(4, await QueuedAsync());
    }

    [Fact]
    public async Task ConfirmedAddress_SigningUpAgain_GetsTheSameAnswer_AndNoEmail()
    {
        var email = NewAddress();
        await site.WithDbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber { Email = email, Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = Guid.NewGuid().ToString("n"), Subscriptions = { new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow } } });
            await db.SaveChangesAsync();
        });

        var response = await SignUpAsync(email);

        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task FiftyConcurrentSignups_OfOneAddress_MakeOneSubscriber_AndNoErrors()
    {
        var email = NewAddress();
        var client = StaffClient.Anonymous(site);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.Http.PostAsync("/newsletter/signup",
            new FormUrlEncodedContent([new("Email", email)]))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.Subscribers.CountAsync(s => s.Email == email)));
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task Honeypot_Filled_StoresAndSendsNothing_ButAnswersNormally()
    {
        var email = NewAddress();

        var response = await SignUpAsync(email, website: "http://spam.example");

        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        Assert.Null(await SubscriberAsync(email));
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email)));
    }

    [Theory]
    [InlineData("Sam\r\nBcc: victim@example.org")]
    [InlineData("Sam\nSubject: buy now")]
    [InlineData("Sam\u0001")]
    public async Task HeaderInjectionInTheName_IsRefused_AndNothingIsStored(string name)
    {
        var email = NewAddress();

        var response = await SignUpAsync(email, name: name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("on one line", await response.Content.ReadAsStringAsync());
        Assert.Null(await SubscriberAsync(email));
    }

    [Fact]
    public async Task NulByteInTheForm_IsABadRequest_AndNothingIsStored()
    {
        var email = NewAddress();

        var response = await SignUpAsync(email, name: "Sam\u0000");

        // The framework cannot read such a form; the visitor still gets the friendly page.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad request", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.Null(await SubscriberAsync(email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("reader@example.org\r\nBcc: victim@example.org")]
    [InlineData("two@example.org, three@example.org")]
    [InlineData("reader@localhost")]
    public async Task InvalidAddress_GetsAClearMessage(string email)
    {
        var response = await SignUpAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("Enter a valid email address") || html.Contains("Enter your email address"));
    }

    [Fact]
    public async Task TenKilobytesOfText_IsRefusedWithoutHarm()
    {
        var huge = new string('a', 10_000) + "@example.org";

        var response = await SignUpAsync(huge, name: new string('b', 10_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(new string('a', 1000), await response.Content.ReadAsStringAsync());
        Assert.False(await site.WithDbAsync((db, _) => db.Subscribers.AnyAsync(s => s.Email.Length > 254)));
    }

    [Fact]
    public async Task ScriptSignup_GetsJson()
    {
        var client = StaffClient.Anonymous(site);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/signup") { Content = new FormUrlEncodedContent([new("Email", NewAddress())]) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "https://localhost");

        var response = await client.Http.SendAsync(request);

        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Contains("we have sent you an email", result.GetProperty("message").GetString());
    }

    // The signup takes no antiforgery token (its boxes are on cached pages); the browser's own word on where the post
    // comes from stands in for it (docs/decisions/0003).
    private async Task<HttpResponseMessage> PostWithHeadersAsync(string email, string? origin, string? fetchSite, bool json = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/signup") { Content = new FormUrlEncodedContent([new("Email", email), new("Source", "/city/some-story")]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await StaffClient.Anonymous(site).Http.SendAsync(request);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData("http://localhost", null)] // another scheme is another origin
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData("https://localhost", "cross-site")]
    public async Task SignupFromAnotherOrigin_IsRefusedWithAClearPage_AndNothingIsStoredOrSent(string? origin, string? fetchSite)
    {
        var email = NewAddress();

        var response = await PostWithHeadersAsync(email, origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("We could not sign you up from there", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("another website", document.QuerySelector(".standfirst")?.TextContent);
        Assert.Null(await SubscriberAsync(email));
        var json = await PostWithHeadersAsync(email, origin, fetchSite, json: true);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.False(JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }

    [Theory]
    [InlineData("https://localhost", "same-origin")] // the request's own host
    [InlineData("http://news.test", null)] // Site:BaseUrl, as behind a proxy
    [InlineData(null, "none")] // typed or bookmarked by the reader
    [InlineData(null, null)] // an old browser that sends neither header
    public async Task SignupFromTheSiteItself_WithoutAnyToken_IsAccepted(string? origin, string? fetchSite)
    {
        var email = NewAddress();

        var response = await PostWithHeadersAsync(email, origin, fetchSite);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Check your inbox", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task TheArticleBox_SignsUpInOneStep_AndTheAddressNeverTravelsInAUrl()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var client = StaffClient.Anonymous(site);
        var page = Html.Parse(await client.Http.GetStringAsync(article.UrlOf()));
        var form = page.QuerySelector(".article .newsletter-box form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/newsletter/signup", form.GetAttribute("action"));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var email = NewAddress();
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(new("Email", email)).Append(new("Website", "")).ToList();

        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        var response = await client.Http.SendAsync(request);

        // One step: the answer is the "check your inbox" page itself, not a redirect to one.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(email, response.RequestMessage!.RequestUri!.ToString());
        var html = await response.Content.ReadAsStringAsync();
        var answer = Html.Parse(html);
        Assert.Equal("Check your inbox", answer.QuerySelector("h1")?.TextContent);
        var urls = answer.QuerySelectorAll("[href],[action],[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("src") ?? "");
        Assert.All(urls, url => Assert.DoesNotContain("@", Uri.UnescapeDataString(url)));
        Assert.DoesNotContain(email, html);
        var stored = await SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Pending, stored!.Status);
        Assert.Equal(article.UrlOf(), stored.ConsentSource);
        Assert.Equal(article.Id, stored.SignupArticleId);
        await site.Smtp.WaitForAsync(email, "Confirm your subscription");
    }

    [Fact]
    public async Task TheSignupPage_TakesNoAddressFromItsUrl()
    {
        var html = await StaffClient.Anonymous(site).Http.GetStringAsync("/newsletter?email=reader%40example.com");

        Assert.DoesNotContain("reader@example.com", html);
    }

    [Theory]
    [InlineData("/newsletter/confirm?token=unknown")]
    [InlineData("/newsletter/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/newsletter/confirm")]
    public async Task UnknownConfirmationLink_GetsAFriendlyPage_WithAWayToSignUpAgain(string path)
    {
        var response = await StaffClient.Anonymous(site).Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("This link has expired", document.QuerySelector("h1")?.TextContent);
        Assert.NotNull(document.QuerySelector("a[href='/newsletter']"));
    }

    [Fact]
    public async Task ExpiredConfirmationLink_ConfirmsNothing()
    {
        var email = NewAddress();
        await SignUpAsync(email);
        var link = Mailbox.LinkStartingWith(await site.Smtp.WaitForAsync(email, "Confirm"), "http://news.test/newsletter/confirm?token=");
        await site.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var browser = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(PathOf(link))).StatusCode);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var post = await browser.PostFormAsync("/newsletter/confirm", new() { ["token"] = token }, tokenFrom: "/admin/sign-in");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task OneClickUnsubscribe_ByPostWithoutCookies_Works_AndTheReaderCanComeBack()
    {
        var email = NewAddress();
        var token = Guid.NewGuid().ToString("n") + "abcdefghijk"; // 43 URL-safe characters
        await site.WithDbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber { Email = email, Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = token, Subscriptions = { new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow } } });
            await db.SaveChangesAsync();
        });

        // Exactly what a mail client sends for RFC 8058: no cookie, no antiforgery token.
        var bare = site.CreateBrowserlessClient();
        var response = await bare.PostAsync($"/newsletter/unsubscribe?token={token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await SubscriberAsync(email))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await bare.PostAsync($"/newsletter/unsubscribe?token={token}", null)).StatusCode);

        var page = await bare.GetAsync($"/newsletter/unsubscribe?token={token}");
        Assert.Equal("Unsubscribe", Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await bare.PostAsync("/newsletter/unsubscribe?token=nope", null)).StatusCode);

        await SignUpAsync(email);
        await site.Smtp.WaitForAsync(email, "Confirm");
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync(email))!.Status);
    }
}
