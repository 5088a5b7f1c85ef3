using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BreakingNewsJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AnEditorPutsUpABanner_ReadersSeeAnAccessibleRegion_AndItComesDown()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await EditorJourneyTests.SignInAsync(page);
        var text = $"Harbour bridge closed after a collision {Guid.NewGuid().ToString("n")[..6]}";
        try
        {
            await page.GotoAsync("/admin/breaking-news");
            await page.Locator("#Text").FillAsync(text);
            await page.Locator("#Url").FillAsync("/city");
            await page.GetByRole(AriaRole.Button, new() { Name = "Put the banner up" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("The banner is up on every page.");

            await page.GotoAsync("/");
            var banner = page.GetByRole(AriaRole.Complementary, new() { Name = "Breaking news" });
            await Assertions.Expect(banner).ToContainTextAsync(text);
            await Assertions.Expect(banner.GetByRole(AriaRole.Link, new() { Name = text })).ToHaveAttributeAsync("href", "/city");
            // axe on the banner itself: the rest of the page is PageChecksTests' business.
            var serious = await Axe.SeriousProblemsAsync(page.Locator("aside.breaking-news"), "the banner");
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }
        finally
        {
            await page.GotoAsync("/admin/breaking-news");
            if (await page.GetByRole(AriaRole.Button, new() { Name = "Take the banner down" }).CountAsync() > 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Take the banner down" }).ClickAsync();
            }
        }
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Breaking news" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
