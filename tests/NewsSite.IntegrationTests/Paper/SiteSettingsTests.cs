using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Paper;

public sealed class SiteSettingsTests(PaperFactory site) : IClassFixture<PaperFactory>
{
    private const string SettingsPage = "/admin/settings";
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    [Fact]
    public async Task SavedSettings_ShowAtOnceOnPagesCachedBefore_WithoutARestart()
    {
        // Noon in winter: 12:00 on London's clock, 21:00 on Tokyo's.
        var article = await new ArticleBuilder().PublishedAt(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)).SaveAsync(site);
        var hiddenSection = article.Section;
        var before = await reader.GetStringAsync("/");
        var articleBefore = await reader.GetStringAsync(article.UrlOf());
        Assert.Contains($"href=\"/{hiddenSection.Slug}\"", NavOf(before));
        Assert.Contains("15 January 2026, 12:00 London time", articleBefore);
        Assert.Equal(before, await reader.GetStringAsync("/"));

        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var (version, sections) = await FormStateAsync();
        var save = await admin.PostFieldsAsync(SettingsPage,
        [
            new("Version", version.ToString()),
            new("PaperName", "The Evening Lantern"),
            new("Tagline", "Lit every night since 1887"),
            new("TimeZone", "Asia/Tokyo"),
            new("FooterLinks", "Press office | /press\nOur union | https://union.example/lantern"),
            new("XHandle", "@EveningLantern"),
            .. sections.Where(id => id != hiddenSection.Id).Select(id => new KeyValuePair<string, string>("ShownSections", id.ToString())),
        ], tokenFrom: SettingsPage);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var front = await reader.GetDocumentAsync("/");
        Assert.Equal("The Evening Lantern: Lit every night since 1887", front.Title);
        Assert.Equal("The Evening Lantern", front.QuerySelector(".masthead .logo")?.TextContent.Trim());
        var nav = front.QuerySelector("nav.sections-nav")!.InnerHtml;
        Assert.DoesNotContain($"href=\"/{hiddenSection.Slug}\"", nav);
        Assert.NotEmpty(front.QuerySelectorAll("nav.sections-nav a"));
        var footerLinks = front.QuerySelectorAll(".site-footer a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Press office", "/press"), footerLinks);
        Assert.Contains(("Our union", "https://union.example/lantern"), footerLinks);
        Assert.Equal("@EveningLantern", front.QuerySelector("meta[name='twitter:site']")?.GetAttribute("content"));
        var articleAfter = await reader.GetStringAsync(article.UrlOf());
        Assert.Contains("15 January 2026, 21:00 Tokyo time", articleAfter);
        Assert.Contains("The Evening Lantern", articleAfter);
        // The section keeps its page; it only leaves the menus.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{hiddenSection.Slug}")).StatusCode);

        var stored = await site.WithDbAsync((db, _) => db.Set<SiteSettings>().AsNoTracking().SingleAsync());
        Assert.Equal("EveningLantern", stored.XHandle);
        Assert.Equal(version + 1, stored.Version);
        var audit = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "site-settings-changed").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Contains("paper name: (default) → \"The Evening Lantern\"", audit.Details);
        Assert.Contains($"{hiddenSection.Name} hidden from the navigation", audit.Details);
    }

    [Fact]
    public async Task ALogoFromTheLibrary_ShowsInTheHeader_AndAsThePublishersLogo()
    {
        var logo = await site.WithDbAsync(async (db, _) =>
        {
            var item = new MediaItem { OriginalFileName = "lantern.png", StoragePath = $"2026/01/lantern-{Guid.NewGuid():n}.png", ContentType = "image/png", Width = 600, Height = 60, AltText = "The Lantern's lamp", UploadedAt = DateTime.UtcNow };
            db.Media.Add(item);
            await db.SaveChangesAsync();
            return item;
        });
        var article = await new ArticleBuilder().SaveAsync(site);
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var page = await admin.GetStringAsync(SettingsPage);
        Assert.Contains($"<option value=\"{logo.Id}\">", page);

        var (version, sections) = await FormStateAsync();
        var save = await admin.PostFieldsAsync(SettingsPage,
            [new("Version", version.ToString()), new("LogoMediaId", logo.Id.ToString()), .. sections.Select(id => new KeyValuePair<string, string>("ShownSections", id.ToString()))],
            tokenFrom: SettingsPage);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var front = await reader.GetDocumentAsync("/");
        Assert.Equal($"/media/{logo.StoragePath}", front.QuerySelector(".masthead .logo img")?.GetAttribute("src"));
        Assert.Contains($"\"logo\":{{\"@type\":\"ImageObject\",\"url\":\"{NewsSiteFactory.BaseUrl}/media/{logo.StoragePath}\"}}", await reader.GetStringAsync(article.UrlOf()));
    }

    [Fact]
    public async Task InvalidSettings_AreExplained_AndNothingIsSaved()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var (version, sections) = await FormStateAsync();
        var auditBefore = await site.WithDbAsync((db, _) => db.AuditLog.CountAsync(e => e.Action == "site-settings-changed"));
        var hiddenBefore = await site.WithDbAsync((db, _) => db.Sections.CountAsync(s => s.HiddenFromNavigation));

        var save = await admin.PostFieldsAsync(SettingsPage,
        [
            new("Version", version.ToString()),
            new("PaperName", "Never saved"),
            new("TimeZone", "Mars/Olympus_Mons"),
            new("FooterLinks", "Fine | /fine\nEvil | javascript:alert(1)\n//elsewhere.example"),
            new("SocialProfiles", "ftp://files.example/lantern"),
            new("XHandle", "this_handle_is_far_too_long"),
        ], tokenFrom: SettingsPage);

        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        var html = WebUtility.HtmlDecode(await save.Content.ReadAsStringAsync());
        Assert.Contains("\"Mars/Olympus_Mons\" is not a time zone this server knows", html);
        Assert.Contains("Footer link on line 2", html);
        Assert.Contains("Footer link on line 3", html);
        Assert.DoesNotContain("Footer link on line 1", html);
        Assert.Contains("Social profile on line 1", html);
        Assert.Contains("An X handle has 1 to 15 letters", html);
        Assert.Contains("value=\"Never saved\"", html);
        Assert.Equal(version, (await FormStateAsync()).Version);
        Assert.Equal(auditBefore, await site.WithDbAsync((db, _) => db.AuditLog.CountAsync(e => e.Action == "site-settings-changed")));
        Assert.Equal(hiddenBefore, await site.WithDbAsync((db, _) => db.Sections.CountAsync(s => s.HiddenFromNavigation)));
        Assert.DoesNotContain("Never saved", await reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesNewerSave_IsRefusedWithAClearMessage()
    {
        var first = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var second = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var (version, sections) = await FormStateAsync();
        KeyValuePair<string, string>[] Fields(string tagline) =>
            [new("Version", version.ToString()), new("Tagline", tagline), .. sections.Select(id => new KeyValuePair<string, string>("ShownSections", id.ToString()))];

        var saved = await first.PostFieldsAsync(SettingsPage, Fields("First to save"), tokenFrom: SettingsPage);
        var stale = await second.PostFieldsAsync(SettingsPage, Fields("Second, from a stale page"), tokenFrom: SettingsPage);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else saved the settings after you opened this page", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal("First to save", await site.WithDbAsync((db, _) => db.Set<SiteSettings>().Select(s => s.Tagline).SingleAsync()));
    }

    [Fact]
    public async Task SchedulingAStory_ReadsTheTimeOnTheZoneTheSettingsChose_NotTheConfiguredOne()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var (version, sections) = await FormStateAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFieldsAsync(SettingsPage,
            [new("Version", version.ToString()), new("TimeZone", "America/New_York"), .. sections.Select(id => new KeyValuePair<string, string>("ShownSections", id.ToString()))],
            tokenFrom: SettingsPage)).StatusCode);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var sectionId = await site.WithDbAsync((db, _) => db.Sections.Select(s => s.Id).FirstAsync());

        // 07:00 in New York in January is 12:00 UTC; on the configured London clock it would have been 07:00 UTC.
        var scheduled = await editor.PostFormAsync("/admin/articles/schedule",
            Newsroom.ArticleFields.For(null, 0, $"Harbour dredging to start {Guid.NewGuid():n}", sectionId, publishAt: "2030-01-15T07:00"), tokenFrom: "/admin/articles/new");

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var id = int.Parse(scheduled.Headers.Location!.OriginalString.Split('/').Last());
        var stored = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(new DateTime(2030, 1, 15, 12, 0, 0), stored.PublishedAt);
        var page = await editor.GetStringAsync($"/admin/articles/{id}");
        Assert.Contains("value=\"2030-01-15T07:00\"", page);
        Assert.Contains("New York time", page);
    }

    [Theory]
    [InlineData(StaffRoles.Editor)]
    [InlineData(StaffRoles.Writer)]
    public async Task OnlyAdministrators_OpenOrSaveTheSettings(string role)
    {
        var staff = await StaffClient.SignedInAsync(site, role);

        var page = await staff.Http.GetAsync(SettingsPage);
        var save = await staff.PostFormAsync(SettingsPage, new() { ["PaperName"] = "Taken over", ["Version"] = "0" });

        Assert.StartsWith("https://localhost/admin/access-denied", page.Headers.Location?.ToString());
        Assert.StartsWith("https://localhost/admin/access-denied", save.Headers.Location?.ToString());
        Assert.DoesNotContain(SettingsPage, await staff.GetStringAsync("/admin"));
        Assert.DoesNotContain("Taken over", await reader.GetStringAsync("/"));
    }

    private static string NavOf(string html) => Html.Parse(html).QuerySelector("nav.sections-nav")!.InnerHtml;

    /// <summary>The settings' version and the sections now shown, as the page's form would post them.</summary>
    private Task<(int Version, List<int> ShownSections)> FormStateAsync() => site.WithDbAsync(async (db, _) =>
        (await db.Set<SiteSettings>().Where(s => s.Id == SiteSettings.SingletonId).Select(s => s.Version).FirstOrDefaultAsync(),
         await db.Sections.Where(s => !s.HiddenFromNavigation).Select(s => s.Id).ToListAsync()));
}
