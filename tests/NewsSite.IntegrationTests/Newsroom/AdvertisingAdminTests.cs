using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed partial class AdvertisingAdminTests(NewsroomFactory site)
{
    [Fact]
    public async Task Editor_CannotOpenOrChangeTheAdCode()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await SidebarHtmlAsync();

        var page = await editor.Http.GetAsync("/admin/ads");
        var save = await editor.PostFormAsync("/admin/ads", new() { ["Placement"] = AdPlacements.Sidebar, ["Html"] = "<script>alert(1)</script>", ["IsEnabled"] = "true" });

        Assert.StartsWith("https://localhost/admin/access-denied", page.Headers.Location?.ToString());
        Assert.StartsWith("https://localhost/admin/access-denied", save.Headers.Location?.ToString());
        Assert.Equal(before, await SidebarHtmlAsync());
        Assert.DoesNotContain("/admin/ads", await editor.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task Administrator_ChangingTheAdCode_IsAuditedWithTheChangedLines()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var marker = Guid.NewGuid().ToString("n");
        var html = $"<a href=\"https://ads.example/{marker}\">Ferry tickets</a>";

        var save = await admin.PostFormAsync("/admin/ads", new() { ["Placement"] = AdPlacements.Sidebar, ["Html"] = html, ["IsEnabled"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(html, await SidebarHtmlAsync());
        var entry = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "ad-code-change").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal($"ad slot {AdPlacements.Sidebar}", entry.Target);
        Assert.Contains($"+ {html}", entry.Details);
        Assert.Contains("- ", entry.Details);
    }

    [Fact]
    public async Task NewsroomPages_GiveTheirScriptsAPerRequestNonce()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var first = await admin.Http.GetAsync("/admin");
        var second = await admin.Http.GetAsync("/admin");
        var policy = string.Join(";", first.Headers.GetValues("Content-Security-Policy"));
        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;

        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain(nonce, string.Join(";", second.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task Preview_ShowsNoAdvertisement()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().Draft().SaveAsync(site);

        var html = await editor.GetStringAsync($"/admin/articles/{article.Id}/preview");

        Assert.Contains(article.Title, html);
        Assert.DoesNotContain("class=\"ad", html);
        Assert.DoesNotContain("/ads/", html);
    }

    private Task<string> SidebarHtmlAsync() =>
        site.WithDbAsync((db, _) => db.AdSlots.Where(a => a.Placement == AdPlacements.Sidebar).Select(a => a.Html).SingleAsync());

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();
}
