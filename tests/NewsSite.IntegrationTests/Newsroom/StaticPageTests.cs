using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Static pages: edited by editors, shown at /pages/{slug} and in the footer, named as policies in the paper's JSON-LD.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class StaticPageTests(NewsroomFactory site)
{
    // An unticked box sends nothing, as in a browser.
    private static Dictionary<string, string> Page(string title, string kind = "Other", string body = "Some **bold** words.", bool published = true, bool footer = true, int? id = null, int version = 0) =>
        new Dictionary<string, string>
    {
        ["Id"] = id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Title"] = title,
        ["Slug"] = "",
        ["Kind"] = kind,
        ["Body"] = body,
        ["IsPublished"] = published ? "true" : "",
        ["ShowInFooter"] = footer ? "true" : "",
        ["FooterPosition"] = "50",
    }.Where(f => f.Value != "").ToDictionary();

    private static Task<HttpResponseMessage> SaveAsync(StaffClient client, Dictionary<string, string> fields) =>
        client.PostFormAsync("/admin/pages/save", fields, tokenFrom: "/admin/pages/new");

    private Task<StaticPage> StoredAsync(string title) =>
        site.WithDbAsync((db, _) => db.StaticPages.AsNoTracking().SingleAsync(p => p.Title == title));

    private static JsonElement Organization(string html) =>
        Html.Parse(html).QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(j => j.GetProperty("@type").GetString() == "NewsMediaOrganization");

    [Fact]
    public async Task Editor_CreatesAPage_ItIsPublic_Sanitised_AndInTheCachedFooterAtOnce()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        await reader.GetStringAsync("/"); // the front page is now in the output cache
        var title = $"Letters policy {Guid.NewGuid():n}"[..24];

        var created = await SaveAsync(editor, Page(title, body: "Some **bold** words.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var stored = await StoredAsync(title);
        var page = await reader.GetStringAsync($"/pages/{stored.Slug}");
        var doc = Html.Parse(page);
        Assert.Equal(title, doc.QuerySelector("main h1")!.TextContent);
        Assert.Equal("bold", doc.QuerySelector(".static-page strong")!.TextContent);
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.DoesNotContain("onerror", page);
        Assert.Equal($"http://news.test/pages/{stored.Slug}", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var footer = Html.Parse(await reader.GetStringAsync("/")).QuerySelector(".footer-pages");
        Assert.NotNull(footer?.QuerySelector($"a[href='/pages/{stored.Slug}']"));
        Assert.Contains($"/pages/{stored.Slug}</loc>", await reader.GetStringAsync("/sitemap-pages.xml"));
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().CountAsync(a => a.Action == AuditActions.PageCreated && a.Target == $"page {title}")));
    }

    [Fact]
    public async Task SecondPageOfAKind_IsRefusedWithAMessage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        // The sample paper already has its About page.
        var response = await SaveAsync(editor, Page("Another about page", kind: "About"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var summary = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("is already the site's About us page", summary);
        Assert.False(await site.WithDbAsync((db, _) => db.StaticPages.AnyAsync(p => p.Title == "Another about page")));
    }

    [Fact]
    public async Task UnpublishedOrUnknownPage_IsNotFound_AndNotInTheFooter()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Draft page {Guid.NewGuid():n}"[..20];
        await SaveAsync(editor, Page(title, published: false));
        var stored = await StoredAsync(title);
        var reader = site.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/pages/{stored.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/pages/no-such-page")).StatusCode);
        Assert.DoesNotContain($"/pages/{stored.Slug}", await reader.GetStringAsync("/"));
        Assert.DoesNotContain($"/pages/{stored.Slug}<", await reader.GetStringAsync("/sitemap-pages.xml"));
    }

    [Fact]
    public async Task StaleSave_GetsAClearMessage_AndKeepsTheNewerText()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Shared page {Guid.NewGuid():n}"[..21];
        await SaveAsync(editor, Page(title));
        var opened = await StoredAsync(title);

        var first = await SaveAsync(editor, Page(title, body: "First editor's words.", id: opened.Id, version: opened.Version));
        var second = await SaveAsync(editor, Page(title, body: "Second editor's words.", id: opened.Id, version: opened.Version));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("saved this page after you opened it", Html.Parse(await second.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("First editor's words.", (await StoredAsync(title)).BodyMarkdown);
    }

    [Fact]
    public async Task DeletedPage_IsGoneFromItsAddressAndTheFooter()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Short-lived {Guid.NewGuid():n}"[..20];
        await SaveAsync(editor, Page(title));
        var stored = await StoredAsync(title);
        var reader = site.CreateBrowserlessClient();
        Assert.Contains($"/pages/{stored.Slug}", await reader.GetStringAsync("/"));

        var deleted = await editor.PostFormAsync($"/admin/pages/{stored.Id}/delete", [], tokenFrom: "/admin/pages");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/pages/{stored.Slug}")).StatusCode);
        Assert.DoesNotContain($"/pages/{stored.Slug}", await reader.GetStringAsync("/"));
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().CountAsync(a => a.Action == AuditActions.PageDeleted && a.Target == $"page {title}")));
    }

    [Fact]
    public async Task Writer_CannotManagePages()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await writer.PostFormAsync("/admin/pages/save", Page("Writer's page"));

        Assert.StartsWith("https://localhost/admin/access-denied", response.Headers.Location?.ToString());
        Assert.False(await site.WithDbAsync((db, _) => db.StaticPages.AnyAsync(p => p.Title == "Writer's page")));
    }

    [Fact]
    public async Task NewsMediaOrganization_NamesExactlyThePublishedPolicies_OnTheFrontPageAndAsPublisher()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await new ArticleBuilder().SaveAsync(site);
        string[] policyProperties = ["masthead", "ethicsPolicy", "correctionsPolicy", "ownershipFundingInfo", "publishingPrinciples", "diversityPolicy",
            "unnamedSourcesPolicy", "verificationFactCheckingPolicy", "actionableFeedbackPolicy"];
        string[] Policies(JsonElement org) => policyProperties.Where(p => org.TryGetProperty(p, out _)).Order().ToArray();

        // The sample paper's policies; its ethics policy stands for its publishing principles.
        var front = Organization(await reader.GetStringAsync("/"));
        Assert.Equal(["correctionsPolicy", "ethicsPolicy", "masthead", "ownershipFundingInfo", "publishingPrinciples"], Policies(front));
        Assert.Equal("http://news.test/pages/corrections-policy", front.GetProperty("correctionsPolicy").GetString());
        Assert.Equal("http://news.test/pages/ethics-policy", front.GetProperty("publishingPrinciples").GetString());
        Assert.Equal("http://news.test/images/logo.svg", front.GetProperty("logo").GetProperty("url").GetString());

        var corrections = await StoredAsync("Corrections policy");
        try
        {
            await SaveAsync(editor, Page("Corrections policy", kind: "CorrectionsPolicy", published: false, id: corrections.Id, version: corrections.Version));
            var diversity = $"Diversity {Guid.NewGuid():n}"[..18];
            await SaveAsync(editor, Page(diversity, kind: "DiversityPolicy"));

            var after = Organization(await reader.GetStringAsync("/"));
            Assert.Equal(["diversityPolicy", "ethicsPolicy", "masthead", "ownershipFundingInfo", "publishingPrinciples"], Policies(after));
            var article = Html.Parse(await reader.GetStringAsync(story.UrlOf())).QuerySelectorAll("script[type='application/ld+json']")
                .Select(s => JsonDocument.Parse(s.TextContent).RootElement).Single(j => j.GetProperty("@type").GetString()!.EndsWith("Article", StringComparison.Ordinal));
            Assert.Equal(Policies(after), Policies(article.GetProperty("publisher")));
            await site.WithDbAsync(async db => await db.StaticPages.Where(p => p.Title == diversity).ExecuteDeleteAsync());
        }
        finally
        {
            await site.WithDbAsync(async db =>
            {
                var page = await db.StaticPages.SingleAsync(p => p.Kind == PageKind.CorrectionsPolicy);
                page.IsPublished = true;
                await db.SaveChangesAsync();
            });
        }
    }
}
