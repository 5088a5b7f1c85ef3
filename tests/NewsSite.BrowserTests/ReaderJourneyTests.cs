using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReaderJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Reader_FollowsLeadStory_Tag_Search_Author_AndFeed()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        var lead = page.Locator(".lead .card-title a");
        var leadTitle = await lead.InnerTextAsync();
        await lead.ClickAsync();
        Assert.Equal(leadTitle, await page.Locator("h1").InnerTextAsync());

        var tag = page.Locator(".tags a").First;
        var tagName = await tag.InnerTextAsync();
        await tag.ClickAsync();
        Assert.Equal(tagName, await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator(".card-title a").CountAsync() > 0);

        // A word from one of the sample stories, typed into the header's search box.
        await page.Locator("#site-search-q").FillAsync("seagrass");
        await page.Locator("#site-search-q").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q=seagrass"));
        Assert.Equal("seagrass", (await page.Locator(".search-results mark").First.InnerTextAsync()).ToLowerInvariant());
        await page.Locator(".search-results .card-title a").First.ClickAsync();
        Assert.Contains("Seagrass", await page.Locator("h1").InnerTextAsync());

        var author = page.Locator(".byline a[rel=author]").First;
        var authorName = await author.InnerTextAsync();
        await author.ClickAsync();
        Assert.Equal(authorName, await page.Locator("h1").InnerTextAsync());

        var feedHref = await page.Locator("footer a[href='/feed.xml']").GetAttributeAsync("href");
        var feed = await page.APIRequest.GetAsync(feedHref!);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/rss+xml", feed.Headers["content-type"]);
        Assert.Contains("<rss", await feed.TextAsync());
    }
}
