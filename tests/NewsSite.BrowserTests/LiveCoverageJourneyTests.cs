using Microsoft.Playwright;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.BrowserTests;

/// <summary>A reader follows a live story while the newsroom posts to it from the live desk.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveCoverageJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ReaderWithTheStoryOpen_IsToldOfANewEntry_AndSeesItWhenTheyAsk_WithoutAReload()
    {
        browser.SkipIfUnavailable();
        var story = await new ArticleBuilder().Titled($"Storm live journey {Guid.NewGuid():n}")
            .With(a => { a.WorkType = WorkType.Live; a.LiveStartedAt = DateTime.UtcNow.AddHours(-1); })
            .SaveAsync(browser.Site);
        var reader = await browser.NewPageAsync(390, 844);
        await reader.GotoAsync(story.UrlOf());
        await Assertions.Expect(reader.Locator(".live-status")).ToContainTextAsync("Live");
        await reader.EvaluateAsync("() => { window.sameDocument = true; }");

        var editor = await browser.NewPageAsync(390, 844);
        await EditorJourneyTests.SignInAsync(editor);
        await editor.GotoAsync($"/admin/articles/{story.Id}/live");
        await editor.Locator("#live-title").FillAsync("Swing bridge reopens");
        await editor.Locator("#live-body").FillAsync("The swing bridge reopened to traffic at **6pm**.");
        await editor.Locator(".live-entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(editor.Locator(".live-desk-entries")).ToContainTextAsync("Swing bridge reopens");

        // Announced, but nothing moves under the reader until they ask.
        await Assertions.Expect(reader.Locator(".live-notice-text")).ToHaveTextAsync("1 new update.", new() { Timeout = 20_000 });
        await Assertions.Expect(reader.Locator(".live-entries .live-entry")).ToHaveCountAsync(0);
        await reader.Locator(".live-show").ClickAsync();

        var entry = reader.Locator(".live-entries .live-entry");
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry.Locator(".live-entry-title")).ToHaveTextAsync("Swing bridge reopens");
        await Assertions.Expect(entry.Locator(".live-entry-body strong")).ToHaveTextAsync("6pm");
        await Assertions.Expect(entry).ToBeFocusedAsync();
        await Assertions.Expect(reader.Locator(".live-show")).ToBeHiddenAsync();
        Assert.True(await reader.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");

        var serious = await Axe.SeriousProblemsAsync(reader, "the live story");
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await reader.Context.CloseAsync();
        await editor.Context.CloseAsync();
    }
}
