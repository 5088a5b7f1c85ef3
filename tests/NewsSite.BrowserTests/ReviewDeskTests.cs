using Microsoft.Playwright;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.BrowserTests;

/// <summary>Sharing a draft by preview link, and the review pages (tags, compare) checked with axe on desktop and phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewDeskTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Editor_SharesAPreviewLink_AFreshBrowserOpensIt_AndRevokingClosesIt()
    {
        browser.SkipIfUnavailable();
        var draft = await new ArticleBuilder().Titled($"Harbour wall plans leaked {Guid.NewGuid().ToString("n")[..6]}").Draft().SaveAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await EditorJourneyTests.SignInAsync(page);
        await page.GotoAsync($"/admin/articles/{draft.Id}");

        await page.Locator("#preview-link-days").SelectOptionAsync(new SelectOptionValue { Label = "1 day" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create preview link" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Preview link created");
        var link = await page.Locator(".preview-link-url").First.InputValueAsync();

        var stranger = await browser.NewPageAsync(390, 844);
        var opened = await stranger.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync(draft.Title);
        Assert.Empty(await stranger.Context.CookiesAsync());

        await page.Locator(".preview-link").First.GetByRole(AriaRole.Button, new() { NameRegex = new("^Revoke") }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("revoked");
        var again = await stranger.GotoAsync(link);
        Assert.Equal(404, again!.Status);
        await stranger.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task TagsComparePreviewLinksAndNotes_HaveNoSeriousOrCriticalAxeViolation_OnDesktopAndPhone_AndDoNotScrollSidewaysOnAPhone()
    {
        browser.SkipIfUnavailable();
        var unique = Guid.NewGuid().ToString("n")[..6];
        var article = await new ArticleBuilder().Tagged($"Harbour {unique}", $"Council {unique}").Draft().SaveAsync(browser.Site);
        await browser.Site.WithDbAsync(async db =>
        {
            var before = new RevisionDetails { Section = "City", Tags = ["Harbour", "Council"], Byline = ["Maya Patel"], Hero = "harbour.jpg", Slug = "harbour-plan" };
            db.ArticleRevisions.AddRange(
                new ArticleRevision { ArticleId = article.Id, Number = 1, Title = "Council approves harbour plan", BodyMarkdown = "The quick brown fox.\n\nSecond paragraph.", CreatedAt = DateTime.UtcNow.AddMinutes(-5), CreatedByName = "Maya Patel", Note = "Saved", Details = before.ToJson() },
                new ArticleRevision { ArticleId = article.Id, Number = 2, Title = "Council rejects harbour plan", BodyMarkdown = "The slow brown fox.\n\nSecond paragraph.", CreatedAt = DateTime.UtcNow, CreatedByName = "Maya Patel", Note = "Autosave", IsAutosave = true, Details = (before with { Section = "Politics", Tags = ["Council", "Votes"] }).ToJson() });
            db.PreviewLinks.Add(new PreviewLink { ArticleId = article.Id, CreatedAt = DateTime.UtcNow, CreatedByName = "Maya Patel", ExpiresAt = DateTime.UtcNow.AddDays(7) });
            db.ArticleNotes.Add(new ArticleNote { ArticleId = article.Id, CreatedAt = DateTime.UtcNow, AuthorName = "Maya Patel", Text = "Please check the second quote." });
            await db.SaveChangesAsync();
        });
        var problems = new List<string>();
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            var page = await browser.NewPageAsync(width, height);
            await EditorJourneyTests.SignInAsync(page);
            // The editor page for its preview-link and notes panels (with one link and one note in them).
            foreach (var path in new[] { "/admin/tags", $"/admin/tags?q={unique}", $"/admin/articles/{article.Id}/revisions/compare?from=1&to=2", $"/admin/articles/{article.Id}/revisions", $"/admin/articles/{article.Id}", $"/admin/articles/{article.Id}/notes" })
            {
                await page.GotoAsync(path);
                problems.AddRange(await Axe.SeriousProblemsAsync(page, $"{path} at {width}px"));
                var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
                if (sideways)
                {
                    problems.Add($"{path} at {width}px scrolls sideways");
                }
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SkippableFact]
    public async Task SectionsNewSectionInputs_AndTagRenameInputs_AreFullSized_NotTheBrowsersTinyDefault()
    {
        browser.SkipIfUnavailable();
        await new ArticleBuilder().Tagged($"Lighthouse {Guid.NewGuid().ToString("n")[..6]}").SaveAsync(browser.Site);
        var page = await browser.NewPageAsync();
        await EditorJourneyTests.SignInAsync(page);

        await page.GotoAsync("/admin/sections");
        var newName = await page.Locator("#new-name").BoundingBoxAsync();
        var form = await page.Locator("#new-name").Locator("xpath=ancestor::form").BoundingBoxAsync();
        await page.GotoAsync("/admin/tags");
        var rename = await page.Locator(".tags-table input[name=name]").First.BoundingBoxAsync();
        var cell = await page.Locator(".tags-table td:last-child").First.BoundingBoxAsync();

        Assert.True(newName!.Width >= form!.Width * 0.95, $"The new section's name field is {newName.Width}px wide in a {form.Width}px form");
        Assert.True(newName.Height >= 40, $"The new section's name field is {newName.Height}px high");
        Assert.True(rename!.Width >= 180, $"The rename field is {rename.Width}px wide in a {cell!.Width}px cell");
        await page.Context.CloseAsync();
    }
}
