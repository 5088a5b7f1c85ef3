using Microsoft.Playwright;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Content;
using SkiaSharp;

namespace NewsSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BodyImageJourneyTests(BrowserFixture browser)
{
    private static byte[] Picture()
    {
        using var bitmap = new SKBitmap(1200, 675);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(20, 90, 70));
            using var paint = new SKPaint { Color = new SKColor(240, 240, 200) };
            canvas.DrawRect(300, 200, 600, 275, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [SkippableFact]
    public async Task Writer_PastesAnImageIntoTheBody_DescribesIt_AndThePublishedStoryShowsAFigureWithCaptionAndSrcset()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync(1400, 1000);
        var headline = $"Harbour wall repaired before the storm {Guid.NewGuid().ToString("n")[..6]}";
        var caption = $"Masons finishing the seaward face {Guid.NewGuid().ToString("n")[..6]}";
        await EditorJourneyTests.SignInAsync(page);

        await page.GotoAsync("/admin/articles/new");
        await page.Locator("#Title").FillAsync(headline);
        await page.Locator("#Standfirst").FillAsync("The council finished the work a day early.");
        await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "City" });
        var body = page.Locator("#BodyMarkdown");
        await body.FillAsync("The wall was finished on Tuesday.\n\n");
        await body.PressAsync("Control+End");

        // A real paste of a file cannot be typed; the browser's own ClipboardEvent carrying a File is what a paste delivers.
        await body.EvaluateAsync("""
            (textarea, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], "wall.png", { type: "image/png" }));
              textarea.focus();
              textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
            }
            """, Convert.ToBase64String(Picture()));

        await Assertions.Expect(page.Locator("#media-describe-alt")).ToBeVisibleAsync();
        await page.Locator("#media-describe-alt").FillAsync("Two masons on scaffolding against the harbour wall");
        await page.Locator("#media-describe-caption").FillAsync(caption);
        await page.Locator("#media-describe-credit").FillAsync("Photo: Desk");
        await page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($@"!\[Two masons on scaffolding against the harbour wall\]\(media:\d+ ""{caption}""\)"));
        // The writer goes on typing straight after the dialog closes, and the words land after the picture.
        await Assertions.Expect(page.Locator("dialog[open]")).ToHaveCountAsync(0);
        await page.Keyboard.TypeAsync("\n\nThe work takes six months.");
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\)\n\nThe work takes six months\.$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-preview-target] figure figcaption")).ToContainTextAsync(caption);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published");

        await page.GotoAsync($"/city/{Text.Slugify(headline)}");
        var figure = page.Locator(".article-body figure");
        await Assertions.Expect(figure.Locator("figcaption")).ToContainTextAsync(caption);
        await Assertions.Expect(figure.Locator("figcaption .credit")).ToHaveTextAsync("Photo: Desk");
        var srcset = await figure.Locator("img").GetAttributeAsync("srcset");
        Assert.Contains("480w", srcset);
        Assert.Contains("1200w", srcset);
        Assert.Equal("Two masons on scaffolding against the harbour wall", await figure.Locator("img").GetAttributeAsync("alt"));
    }

    [SkippableFact]
    public async Task Writer_UploadsTheHeroInPlace_KeepingTheirText_AndItsCaptionAndCreditCarryIntoTheStory()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync(1400, 1000);
        await EditorJourneyTests.SignInAsync(page);
        await page.GotoAsync("/admin/articles/new");
        await page.Locator("#Title").FillAsync($"Ferry timetable changes {Guid.NewGuid().ToString("n")[..6]}");
        await page.Locator("#BodyMarkdown").FillAsync("Unsaved words that must survive.");

        await page.Locator(".media-hero").GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        var dialog = page.Locator("dialog[open]");
        await dialog.Locator("#media-picker-file").SetInputFilesAsync(new FilePayload { Name = "ferry.png", MimeType = "image/png", Buffer = Picture() });
        await dialog.Locator("#media-picker-alt").FillAsync("The morning ferry leaving the quay");
        await dialog.Locator("#media-picker-caption").FillAsync("The 07:10 sailing");
        await dialog.Locator("#media-picker-credit").FillAsync("Photo: Harbour Desk");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Assertions.Expect(page.Locator("dialog[open]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#HeroMediaId option:checked")).ToHaveTextAsync("The morning ferry leaving the quay");
        await Assertions.Expect(page.Locator("#HeroImageCaption")).ToHaveValueAsync("The 07:10 sailing");
        await Assertions.Expect(page.Locator("#HeroImageCredit")).ToHaveValueAsync("Photo: Harbour Desk");
        await Assertions.Expect(page.Locator(".media-hero-thumb")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#BodyMarkdown")).ToHaveValueAsync("Unsaved words that must survive.");
        Assert.Single(page.Context.Pages);
        Assert.EndsWith("/admin/articles/new", page.Url);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator("#HeroImageCaption")).ToHaveValueAsync("The 07:10 sailing");
        await Assertions.Expect(page.Locator("#HeroMediaId option:checked")).ToContainTextAsync("The morning ferry leaving the quay");
    }

    [SkippableFact]
    public async Task Reader_SeesOnlyALinkForAVideo_UntilTheyAsk_ThenASandboxedFrameFromTheAllowedHost()
    {
        browser.SkipIfUnavailable();
        var article = await new ArticleBuilder().WithBody("The launch, filmed by a neighbour:\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nMore later.").WithoutAds().SaveAsync(browser.Site);
        var page = await browser.NewPageAsync();
        var thirdParty = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.Site.SiteUrl, StringComparison.Ordinal))
            {
                thirdParty.Add(request.Url);
            }
        };
        // No network here: the allowed host answers from the test, so the frame's content shows the CSP let it in.
        await page.RouteAsync("https://www.youtube-nocookie.com/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<p id=player>Player</p>" }));

        await page.GotoAsync(article.UrlOf());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(thirdParty);
        Assert.Equal(0, await page.Locator(".article-body iframe").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Play the video from YouTube" }).ClickAsync();

        var frame = page.Locator(".article-body iframe");
        await Assertions.Expect(frame).ToHaveAttributeAsync("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        await Assertions.Expect(page.FrameLocator(".article-body iframe").Locator("#player")).ToHaveTextAsync("Player");
        Assert.All(thirdParty, url => Assert.StartsWith("https://www.youtube-nocookie.com/", url));
    }

    [SkippableFact]
    public async Task MediaLibraryPages_HaveNoSeriousOrCriticalAxeViolation_OnDesktopAndPhone()
    {
        browser.SkipIfUnavailable();
        var setup = await browser.NewPageAsync();
        await EditorJourneyTests.SignInAsync(setup);
        await setup.GotoAsync("/admin/media");
        await setup.Locator("#Upload_File").SetInputFilesAsync(new FilePayload { Name = "axe.png", MimeType = "image/png", Buffer = Picture() });
        await setup.Locator("#Upload_AltText").FillAsync("A green square with a pale bar");
        await setup.Locator("#Upload_Caption").FillAsync("Checked by axe");
        await setup.Locator("form[enctype] button[type=submit]").ClickAsync();
        await Assertions.Expect(setup.Locator(".flash")).ToHaveTextAsync("Image uploaded.");
        var editUrl = await setup.Locator(".media-grid a[href$='/edit']").First.GetAttributeAsync("href");
        var cookies = await setup.Context.CookiesAsync();
        await setup.Context.CloseAsync();

        var problems = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            var page = await browser.NewPageAsync(width, 900);
            await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
            foreach (var path in new[] { "/admin/media", "/admin/media?q=green", editUrl! })
            {
                await page.GotoAsync(path);
                problems.AddRange(await Axe.SeriousProblemsAsync(page, $"{path} at {width}px"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
