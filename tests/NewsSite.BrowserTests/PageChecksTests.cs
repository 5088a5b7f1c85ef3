using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace NewsSite.BrowserTests;

/// <summary>Every page type, checked with axe-core, the Nu HTML Checker, a phone-sized screen and the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageChecksTests(BrowserFixture browser)
{
    public sealed record PageToCheck(string Name, string Path, bool SignedIn = false);

    private async Task<IReadOnlyList<PageToCheck>> PagesAsync()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var article = await page.Locator(".lead .card-title a").GetAttributeAsync("href");
        await page.Context.CloseAsync();
        // The sample story that carries a correction at the top and an update at the end.
        var corrected = await browser.Site.WithDbAsync((db, _) => db.Corrections.OrderBy(c => c.Id)
            .Select(c => new { c.ArticleId, Path = "/" + c.Article.Section.Slug + "/" + c.Article.Slug }).FirstAsync());
        // The sample live story, its coverage running.
        var live = await browser.Site.WithDbAsync((db, _) => db.Articles.Where(a => a.WorkType == NewsSite.Data.Entities.WorkType.Live && a.LiveStartedAt != null)
            .Select(a => new { a.Id, Path = "/" + a.Section.Slug + "/" + a.Slug }).FirstAsync());
        // A reader's preference centre, reached as from an email's link.
        var reader = new NewsSite.Data.Entities.Subscriber
        {
            Email = $"preferences-{Guid.NewGuid():n}@example.org", Status = NewsSite.Data.Entities.SubscriberStatus.Confirmed,
            CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = Guid.NewGuid().ToString("n"),
            Subscriptions = { new NewsSite.Data.Entities.NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow } },
        };
        await browser.Site.WithDbAsync(async db => { db.Subscribers.Add(reader); await db.SaveChangesAsync(); });
        var preferences = new Uri(browser.Site.Services.GetRequiredService<NewsSite.Web.Features.Newsletter.Preferences.PreferenceLinks>().Url(reader.UnsubscribeToken)).PathAndQuery;
        return
        [
            new("front page", "/"),
            new("article", article!),
            new("corrected article", corrected.Path),
            new("corrections", "/corrections"),
            new("live story", live.Path),
            new("section", "/city"),
            new("tag", "/tag/harbour"),
            new("author", "/author/maya-okafor"),
            new("policy page", "/pages/ethics-policy"),
            new("search results", "/search?q=harbour"),
            new("newsletter", "/newsletter"),
            new("newsletter archive", "/newsletters"),
            new("not found", "/no-such-page-here"),
            new("admin sign-in", "/admin/sign-in"),
            new("admin dashboard", "/admin", SignedIn: true),
            new("article editor", "/admin/articles/new", SignedIn: true),
            new("own author profile", "/admin/profile", SignedIn: true),
            new("new static page", "/admin/pages/new", SignedIn: true),
            new("corrected story's editor", $"/admin/articles/{corrected.ArticleId}", SignedIn: true),
            new("site settings", "/admin/settings", SignedIn: true),
            new("breaking news", "/admin/breaking-news", SignedIn: true),
            new("live desk", $"/admin/articles/{live.Id}/live", SignedIn: true),
            new("newsletters and digests", "/admin/newsletters/lists", SignedIn: true),
            new("new newsletter", "/admin/newsletters/lists/new", SignedIn: true),
            new("new newsletter issue", "/admin/newsletters/new", SignedIn: true),
            new("suppressed addresses", "/admin/newsletters/suppressions", SignedIn: true),
            // Last: the preference centre remembers the reader as a subscriber (localStorage), and every page the
            // same tab opens after it would hide its signup box.
            new("newsletter preferences", preferences),
        ];
    }

    /// <summary>
    /// Two tabs for the whole walk: a reader's, and a newsroom's signed in once. A fresh browser context and sign-in
    /// per page cost about a second each on CI's two cores, and these checks read the page, never change it.
    /// </summary>
    private sealed class Tabs(IPage reader, IPage newsroom) : IAsyncDisposable
    {
        public IPage For(PageToCheck check) => check.SignedIn ? newsroom : reader;

        public async Task<IPage> OpenAsync(PageToCheck check)
        {
            var page = For(check);
            await page.GotoAsync(check.Path);
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            await reader.Context.CloseAsync();
            await newsroom.Context.CloseAsync();
        }
    }

    private async Task<Tabs> OpenTabsAsync(int width = 1280, int height = 900)
    {
        var reader = await browser.NewPageAsync(width, height);
        var newsroom = await browser.NewPageAsync(width, height);
        await EditorJourneyTests.SignInAsync(newsroom);
        return new Tabs(reader, newsroom);
    }

    [SkippableFact]
    public async Task EveryPageType_HasNoSeriousOrCriticalAxeViolation()
    {
        browser.SkipIfUnavailable();
        var problems = new List<string>();
        var checks = await PagesAsync();
        await using var tabs = await OpenTabsAsync();
        foreach (var check in checks)
        {
            problems.AddRange(await Axe.SeriousProblemsAsync(await tabs.OpenAsync(check), $"{check.Name} ({check.Path})"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SkippableFact]
    public async Task EveryPageType_IsValidHtml_ForTheNuChecker()
    {
        browser.SkipIfUnavailable();
        var jar = Path.Combine(RepositoryPaths.Root, "tests", "NewsSite.BrowserTests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        if (!File.Exists(jar))
        {
            Skip.IfNot(BrowserFixture.BrowserRequired, "The Nu HTML Checker is not installed: run `npm install --ignore-scripts` in tests/NewsSite.BrowserTests.");
            Assert.Fail($"The Nu HTML Checker is missing at {jar}; .ci/run installs it.");
        }

        // The checker refuses loopback URLs, so it gets the HTML exactly as the server sent it, saved to files.
        var folder = Directory.CreateTempSubdirectory("newssite-html-").FullName;
        var names = new Dictionary<string, string>();
        var checks = await PagesAsync();
        await using (var tabs = await OpenTabsAsync())
        {
            foreach (var check in checks)
            {
                // Asked for with the tab's cookies, so a newsroom page is the signed-in page.
                var response = await tabs.For(check).APIRequest.GetAsync(check.Path);
                Assert.False(check.SignedIn && new Uri(response.Url).AbsolutePath == "/admin/sign-in", $"{check.Name} was asked for signed out");
                var file = Path.Combine(folder, $"{names.Count:00}.html");
                await File.WriteAllTextAsync(file, await response.TextAsync());
                names[Path.GetFileName(file)] = $"{check.Name} ({check.Path})";
            }
        }

        var start = new ProcessStartInfo("java", ["-jar", jar, "--errors-only", "--format", "json", .. Directory.GetFiles(folder, "*.html").Order()])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var report = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var messages = JsonDocument.Parse(report).RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => $"{names.GetValueOrDefault(Path.GetFileName(m.GetProperty("url").GetString() ?? ""), "?")} line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(messages.Count == 0, string.Join("\n", messages));
    }

    [SkippableFact]
    public async Task OnAPhone_NoPageScrollsSideways_AndTheNavigationWorks()
    {
        browser.SkipIfUnavailable();
        // Long words with no break in them, as a real newsroom has: a subscriber's address on the dashboard.
        await browser.Site.WithDbAsync((db, _) =>
        {
            db.Subscribers.Add(new NewsSite.Data.Entities.Subscriber { Email = $"a.very.long.address.for.a.reader.{Guid.NewGuid():n}@example.org", UnsubscribeToken = Guid.NewGuid().ToString("n"), CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var problems = new List<string>();
        var checks = await PagesAsync();
        await using (var tabs = await OpenTabsAsync(375, 667))
        {
            foreach (var check in checks)
            {
                var widths = await (await tabs.OpenAsync(check)).EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                var (scrollWidth, innerWidth) = (widths[0], widths[1]);
                if (scrollWidth > innerWidth)
                {
                    problems.Add($"{check.Name} ({check.Path}) is {scrollWidth}px wide on a {innerWidth}px screen");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var phone = await browser.NewPageAsync(375, 667);
        await phone.GotoAsync("/");
        foreach (var link in await phone.Locator(".sections-nav a").AllAsync())
        {
            var box = await link.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 375, $"{await link.InnerTextAsync()} is off screen");
            Assert.True(box!.Height >= 24, "navigation links are big enough to tap");
        }
        await phone.Locator(".sections-nav a", new() { HasTextString = "Science" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Science");
        await phone.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Screenshots_OfTheFrontPageAndAnArticle_OnDesktopAndPhone()
    {
        browser.SkipIfUnavailable();
        var article = (await PagesAsync())[1].Path;
        var shots = new (string File, string Path, int Width, int Height)[]
        {
            ("front-page.png", "/", 1280, 900),
            ("article-desktop.png", article, 1280, 900),
            ("article-phone.png", article, 375, 667),
            ("front-page-phone.png", "/", 375, 667),
        };
        foreach (var (file, path, width, height) in shots)
        {
            var page = await browser.NewPageAsync(width, height);
            await page.GotoAsync(path);
            var target = Path.Combine(RepositoryPaths.Screenshots, file);
            await page.ScreenshotAsync(new() { Path = target, FullPage = false });
            Assert.True(new FileInfo(target).Length > 10_000, $"{file} looks empty");
            await page.Context.CloseAsync();
        }
    }

    private static async Task<(string Id, bool VisibleFocus)> FocusedAsync(IPage page)
    {
        var focused = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return { id: el.id || el.tagName, visible: (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none' };
            }
            """);
        return (focused.GetProperty("id").GetString()!, focused.GetProperty("visible").GetBoolean());
    }

    private static async Task TabToAsync(IPage page, string id)
    {
        // A field with autofocus is already where the keyboard user starts.
        if ((await FocusedAsync(page)).Id == id)
        {
            return;
        }
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var (focused, visible) = await FocusedAsync(page);
            Assert.True(visible, $"{focused} has no visible focus indicator");
            if (focused == id)
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached #{id}");
    }

    [SkippableFact]
    public async Task Keyboard_SignupAndAdminSignIn_WorkWithTabAndEnter()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        var email = $"keyboard-{Guid.NewGuid():n}@example.org";

        await page.GotoAsync("/newsletter");
        await TabToAsync(page, "signup-email");
        await page.Keyboard.TypeAsync(email);
        await TabToAsync(page, "signup-name");
        await page.Keyboard.TypeAsync("Kay Board");
        await page.Keyboard.PressAsync("Tab");
        var (focused, _) = await FocusedAsync(page);
        Assert.Equal("BUTTON", focused);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");
        await browser.Site.Smtp.WaitForAsync(email, "Confirm");

        await page.GotoAsync("/admin/sign-in");
        await TabToAsync(page, "Email");
        await page.Keyboard.TypeAsync(TestSupport.NewsroomFactory.AdminEmail);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Password", (await FocusedAsync(page)).Id);
        await page.Keyboard.TypeAsync(TestSupport.NewsroomFactory.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task SkipLink_IsTheFirstStop_AndMovesFocusToTheContent()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }
}
