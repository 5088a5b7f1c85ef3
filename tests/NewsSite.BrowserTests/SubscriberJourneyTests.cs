using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Issues;

namespace NewsSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SubscriberJourneyTests(BrowserFixture browser)
{
    private static string LinkIn(MimeKit.MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"http://127\.0\.0\.1:\d+{Regex.Escape(path)}\?token=[A-Za-z0-9_-]+");
        Assert.True(match.Success, $"No {path} link in:\n{message.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    [SkippableFact]
    public async Task Subscriber_SignsUpInPlace_Confirms_ThenUnsubscribesFromANewsletter()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        var email = $"browser-{Guid.NewGuid():n}@example.org";

        await page.GotoAsync("/");
        await page.Locator(".lead .card-title a").ClickAsync();
        var articleUrl = page.Url;
        var box = page.Locator(".article .newsletter-box");
        await box.Locator("input[type=email]").FillAsync(email);
        await box.Locator("button[type=submit]").ClickAsync();

        // With JavaScript the answer appears in the box: the reader never leaves the article.
        await Microsoft.Playwright.Assertions.Expect(box.Locator("[data-newsletter-status]")).ToContainTextAsync("we have sent you an email");
        Assert.Equal(articleUrl, page.Url);

        var confirmation = await browser.Site.Smtp.WaitForAsync(email, "Confirm your subscription");
        await page.GotoAsync(LinkIn(confirmation, "/newsletter/confirm"));
        Assert.Equal("Confirm your subscription", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        Assert.Equal("You're subscribed", await page.Locator("h1").InnerTextAsync());
        await browser.Site.Smtp.WaitForAsync(email, "Welcome");

        // This browser now knows its reader subscribes: the same cached article shows no signup box.
        await page.GotoAsync(articleUrl);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".article .newsletter-box")).ToBeHiddenAsync();

        // A newsletter goes out; its unsubscribe link works in the browser.
        await using (var scope = browser.Site.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<NewsletterIssueQueue>();
            var story = (await sender.RecentStoriesAsync(CancellationToken.None))[0];
            var id = await sender.SaveAsync(null, $"Browser briefing {Guid.NewGuid():n}", "Hello.", [story.Id], "test", CancellationToken.None);
            await sender.SendAsync(id!.Value, CancellationToken.None);
        }
        var newsletter = await browser.Site.Smtp.WaitForAsync(email, "Browser briefing");
        await page.GotoAsync(LinkIn(newsletter, "/newsletter/unsubscribe"));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        Assert.Equal("You're unsubscribed", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync(articleUrl);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".article .newsletter-box")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task WithoutJavaScript_TheBoxSignsUpInOneStep_WithNoAddressInTheUrl()
    {
        browser.SkipIfUnavailable();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Site.SiteUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var email = $"nojs-{Guid.NewGuid():n}@example.org";

        await page.GotoAsync("/");
        await page.Locator(".lead .card-title a").ClickAsync();
        await page.Locator(".article .newsletter-box input[type=email]").FillAsync(email);
        await page.Locator(".article .newsletter-box button[type=submit]").ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new Regex("/newsletter/signup$"));
        Assert.Equal("Check your inbox", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain("@", Uri.UnescapeDataString(page.Url));
        await browser.Site.Smtp.WaitForAsync(email, "Confirm your subscription");
        await context.CloseAsync();
    }
}
