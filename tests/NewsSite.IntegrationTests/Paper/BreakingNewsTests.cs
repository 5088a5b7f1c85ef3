using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Paper;

public sealed class BreakingNewsTests(PaperFactory site) : IClassFixture<PaperFactory>
{
    private const string BannerPage = "/admin/breaking-news";
    private const string Region = "aside.breaking-news[aria-label='Breaking news']";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    [Fact]
    public async Task ABanner_ShowsOnEveryKindOfPage_EvenOnesCachedBefore_WithItsTextEncoded()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        string[] pages = ["/", article.UrlOf(), $"/{article.Section.Slug}"];
        foreach (var page in pages)
        {
            Assert.Null((await reader.GetDocumentAsync(page)).QuerySelector(Region));
        }
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var hostile = $"Bridge closed <script>alert('{Guid.NewGuid():n}')</script> & \"ferries\" running";

        var set = await SetAsync(editor, hostile, "/travel/bridge-closed", site.Clock.UtcNow.AddHours(2));

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        foreach (var page in pages)
        {
            var html = await reader.GetStringAsync(page);
            var banner = Html.Parse(html).QuerySelector(Region);
            Assert.True(banner is not null, $"No banner on {page}");
            Assert.Contains(hostile, banner.TextContent);
            Assert.Equal("/travel/bridge-closed", banner.QuerySelector("a")?.GetAttribute("href"));
            Assert.DoesNotContain("<script>alert(", html);
        }
        // The newsroom's own pages carry no banner.
        Assert.Null(Html.Parse(await editor.GetStringAsync("/admin")).QuerySelector(Region));
        var audit = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "breaking-news-set").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Contains(hostile, audit.Details);
    }

    [Fact]
    public async Task ABannerTakenDown_IsGoneFromPagesCachedWhileItWasUp()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var text = $"Council vote tonight {Guid.NewGuid():n}";
        await SetAsync(editor, text, null, site.Clock.UtcNow.AddHours(1));
        Assert.Contains(text, (await reader.GetDocumentAsync("/")).QuerySelector(Region)?.TextContent);

        var clear = await editor.PostFormAsync("/admin/breaking-news/clear", [], tokenFrom: BannerPage);

        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        Assert.Null((await reader.GetDocumentAsync("/")).QuerySelector(Region));
        Assert.Contains("No banner is up.", await editor.GetStringAsync(BannerPage));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == "breaking-news-cleared")));
    }

    [Fact]
    public async Task AnExpiredBanner_IsGoneFromACachedPage_OnceTheJobHasRun()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var text = $"Storm warning until noon {Guid.NewGuid():n}";
        var expires = site.Clock.UtcNow.AddMinutes(5);
        await SetAsync(editor, text, "https://weather.example/storm", expires);
        Assert.Contains(text, (await reader.GetDocumentAsync("/")).QuerySelector(Region)?.TextContent);

        site.Clock.Advance(TimeSpan.FromMinutes(6));

        var cleared = await Poll.UntilAsync(() => site.WithDbAsync((db, _) => db.Set<BreakingNews>().AsNoTracking()
            .FirstOrDefaultAsync(b => b.Text == text && b.ClearedAt != null)), TimeSpan.FromSeconds(10), "the expiry job to take the banner down");
        Assert.Equal(cleared.ExpiresAt, cleared.ClearedAt);
        // The job's save evicts the pages right after its commit, which this test may see first: a moment later at most.
        await Poll.UntilAsync(async () => (await reader.GetDocumentAsync("/")).QuerySelector(Region) is null ? "gone" : null,
            TimeSpan.FromSeconds(5), "the cached front page to lose the banner");
    }

    [Fact]
    public async Task AWriter_CannotSetABanner()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var text = $"Not from a writer {Guid.NewGuid():n}";

        var page = await writer.Http.GetAsync(BannerPage);
        var set = await SetAsync(writer, text, null, site.Clock.UtcNow.AddHours(1), tokenFrom: "/admin");

        Assert.StartsWith("https://localhost/admin/access-denied", page.Headers.Location?.ToString());
        Assert.StartsWith("https://localhost/admin/access-denied", set.Headers.Location?.ToString());
        Assert.False(await site.WithDbAsync((db, _) => db.Set<BreakingNews>().AnyAsync(b => b.Text == text)));
    }

    [Theory]
    [InlineData("", null, 60, "Write the banner's text.")]
    [InlineData("Bad link", "javascript:alert(1)", 60, "Link to a full address")]
    [InlineData("Bad link", "//elsewhere.example/x", 60, "Link to a full address")]
    [InlineData("Already over", null, -5, "Choose a time in the future.")]
    [InlineData("Too long up", null, 8 * 24 * 60, "A banner stays up at most 7 days.")]
    public async Task AnInvalidBanner_IsExplained_AndNothingIsSaved(string text, string? url, int minutesFromNow, string message)
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await site.WithDbAsync((db, _) => db.Set<BreakingNews>().CountAsync());

        var set = await SetAsync(editor, text, url, site.Clock.UtcNow.AddMinutes(minutesFromNow));

        Assert.Equal(HttpStatusCode.BadRequest, set.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await set.Content.ReadAsStringAsync()));
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Set<BreakingNews>().CountAsync()));
    }

    [Fact]
    public async Task TheForm_OffersAnExpiryOnThePapersClock()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var form = await editor.Http.GetDocumentAsync(BannerPage);

        var offered = DateTime.ParseExact(form.QuerySelector("#ExpiresAt")!.GetAttribute("value")!, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var expected = TimeZoneInfo.ConvertTimeFromUtc(site.Clock.UtcNow.AddHours(2), London);
        Assert.InRange(offered, expected.AddMinutes(-2), expected.AddMinutes(1));
        Assert.Contains("London time", form.QuerySelector("label[for=ExpiresAt]")?.TextContent);
    }

    /// <summary>Posts the form as an editor types it: the expiry on the paper's (London) clock.</summary>
    private static Task<HttpResponseMessage> SetAsync(StaffClient staff, string text, string? url, DateTime expiresUtc, string tokenFrom = BannerPage) =>
        staff.PostFormAsync(BannerPage, new()
        {
            ["Text"] = text,
            ["Url"] = url ?? "",
            ["ExpiresAt"] = TimeZoneInfo.ConvertTimeFromUtc(expiresUtc, London).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        }, tokenFrom);
}
