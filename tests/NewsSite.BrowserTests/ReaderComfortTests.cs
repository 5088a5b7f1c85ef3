using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

/// <summary>Reading on paper: a print of the story alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReaderComfortTests(BrowserFixture browser)
{
    private async Task<IPage> ArticleAsync(ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await page.GotoAsync("/");
        await page.GotoAsync((await page.Locator(".lead .card-title a").GetAttributeAsync("href"))!);
        return page;
    }

    [SkippableFact]
    public async Task Printed_AnArticleIsTheStoryAlone()
    {
        browser.SkipIfUnavailable();
        var page = await ArticleAsync(ColorScheme.Light);

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("article h1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".article-body")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".byline")).ToBeVisibleAsync();
        foreach (var hidden in new[] { ".masthead", ".site-footer", ".share", ".article .newsletter-box", ".article-aside" })
        {
            await Assertions.Expect(page.Locator(hidden).First).ToBeHiddenAsync();
        }
        await page.Context.CloseAsync();
    }
}
