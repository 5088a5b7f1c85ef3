using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Corrections: added by editors from the editor page, shown to readers at once, in JSON-LD, on /corrections and its feeds.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class CorrectionTests(NewsroomFactory site)
{
    private static Task<HttpResponseMessage> AddAsync(StaffClient client, int articleId, string kind, string text, string? showAtTop = null) =>
        client.PostFormAsync($"/admin/articles/{articleId}/corrections",
            new() { ["kind"] = kind, ["text"] = text, ["showAtTop"] = showAtTop ?? "" }, tokenFrom: $"/admin/articles/{articleId}");

    private static JsonElement NewsArticleLd(string html) =>
        Html.Parse(html).QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(j => j.GetProperty("@type").GetString()!.EndsWith("Article", StringComparison.Ordinal));

    private async Task<Article> OldStoryAsync() =>
        await new ArticleBuilder().Titled($"Ferry timetable changes {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-2)).SaveAsync(site);

    [Fact]
    public async Task EditorAddsCorrection_ShownAtTopAndInJsonLd_OnTheVeryNextRequest_AndDateModifiedMoves()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await OldStoryAsync();
        var before = await reader.GetStringAsync(story.UrlOf()); // now in the output cache
        var modifiedBefore = NewsArticleLd(before).GetProperty("dateModified").GetDateTime();
        Assert.False(NewsArticleLd(before).TryGetProperty("correction", out _));
        var text = $"An earlier version said the ferry leaves at 7:15. It leaves at 7:45. {Guid.NewGuid():n}";

        var added = await AddAsync(editor, story.Id, "Correction", text);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await reader.GetStringAsync(story.UrlOf());
        var box = Html.Parse(after).QuerySelector(".corrections-top .correction");
        Assert.NotNull(box);
        Assert.Contains("Correction", box.QuerySelector(".correction-kind")!.TextContent);
        Assert.Equal(text, box.QuerySelector(".correction-text")!.TextContent);
        Assert.NotNull(box.QuerySelector(".correction-kind time[datetime]"));
        // Above the body, not after it.
        Assert.True(after.IndexOf("corrections-top", StringComparison.Ordinal) < after.IndexOf("article-body", StringComparison.Ordinal));

        var ld = NewsArticleLd(after);
        var comment = ld.GetProperty("correction").EnumerateArray().Single();
        Assert.Equal("CorrectionComment", comment.GetProperty("@type").GetString());
        Assert.Contains(text, comment.GetProperty("text").GetString());
        var correctedAt = comment.GetProperty("datePublished").GetDateTime();
        Assert.True(correctedAt > DateTime.UtcNow.AddMinutes(-5));
        var modifiedAfter = ld.GetProperty("dateModified").GetDateTime();
        Assert.True(modifiedAfter > modifiedBefore, $"dateModified stayed at {modifiedBefore:O}");
        Assert.Equal(correctedAt, modifiedAfter);

        var audit = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.CorrectionAdded && a.Target == $"article {story.Id}").CountAsync());
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task Update_GoesAtTheEnd_UnderCorrectionsAndUpdates_UnlessTheEditorPutsItAtTheTop()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await OldStoryAsync();

        await AddAsync(editor, story.Id, "Update", "The council has since confirmed the new times.");
        await AddAsync(editor, story.Id, "Clarification", "The 7:45 sailing runs on weekdays only.", showAtTop: "true");

        var page = Html.Parse(await site.CreateBrowserlessClient().GetStringAsync(story.UrlOf()));
        var end = page.QuerySelector(".corrections-end");
        Assert.NotNull(end);
        Assert.Equal("Corrections and updates", end.QuerySelector("h2")!.TextContent);
        Assert.Contains("The council has since confirmed", end.TextContent);
        Assert.Contains("weekdays only", page.QuerySelector(".corrections-top")!.TextContent);
        Assert.DoesNotContain("weekdays only", end.TextContent);
    }

    [Fact]
    public async Task CorrectionsPage_AndItsFeeds_ListTheNewCorrection_AfterBeingCached()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await OldStoryAsync();
        await reader.GetStringAsync("/corrections");
        await reader.GetStringAsync("/corrections/feed.xml");
        var text = $"The bridge is 40 metres long, not 400. {Guid.NewGuid():n}";

        await AddAsync(editor, story.Id, "Correction", text);

        var page = Html.Parse(await reader.GetStringAsync("/corrections"));
        var first = page.QuerySelector(".correction-list li");
        Assert.NotNull(first);
        Assert.Equal(text, first.QuerySelector(".correction-text")!.TextContent);
        Assert.StartsWith(story.UrlOf() + "#correction-", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/rss+xml'][href$='/corrections/feed.xml']"));
        Assert.NotNull(Html.Parse(await reader.GetStringAsync("/")).QuerySelector("footer a[href='/corrections']"));

        var rss = XDocument.Parse(await reader.GetStringAsync("/corrections/feed.xml"));
        var item = rss.Descendants("item").First();
        Assert.Equal(text, item.Element("description")!.Value);
        Assert.Contains($"Correction: {story.Title}", item.Element("title")!.Value);
        Assert.StartsWith($"http://news.test{story.UrlOf()}#correction-", item.Element("link")!.Value);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await reader.GetStringAsync("/corrections/atom.xml"));
        Assert.Contains(feed.Descendants(atom + "entry"), e => (e.Element(atom + "content") ?? e.Element(atom + "summary"))?.Value == text);

        Assert.Contains("/corrections</loc>", await reader.GetStringAsync("/sitemap-pages.xml"));
    }

    [Fact]
    public async Task HostileText_IsShownAsText_OnThePage_InJsonLd_AndInTheFeed()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await OldStoryAsync();
        const string hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)> **not bold** & \"quoted\"";

        await AddAsync(editor, story.Id, "Correction", hostile);

        var reader = site.CreateBrowserlessClient();
        var html = await reader.GetStringAsync(story.UrlOf());
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<strong>not bold</strong>", html);
        var page = Html.Parse(html);
        Assert.Equal(hostile, page.QuerySelector(".corrections-top .correction-text")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("article img[onerror]"));
        Assert.Contains(hostile, NewsArticleLd(html).GetProperty("correction")[0].GetProperty("text").GetString());

        var list = await reader.GetStringAsync("/corrections");
        Assert.DoesNotContain("<script>alert(1)", list);
        var rss = XDocument.Parse(await reader.GetStringAsync("/corrections/feed.xml"));
        // RSS readers render descriptions as HTML: the text goes HTML-encoded once inside the XML.
        Assert.Contains(rss.Descendants("item"), i => i.Element("description")!.Value.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writer_CannotAddACorrection_AndSeesNoCorrectionsPanel()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await OldStoryAsync();
        Assert.NotNull(Html.Parse(await editor.GetStringAsync($"/admin/articles/{story.Id}")).QuerySelector("#corrections form"));

        var response = await writer.PostFormAsync($"/admin/articles/{story.Id}/corrections",
            new() { ["kind"] = "Retraction", ["text"] = "A writer's retraction" }, tokenFrom: "/admin/articles/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/admin/access-denied", response.Headers.Location?.ToString());
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Corrections.CountAsync(c => c.ArticleId == story.Id)));
    }

    [Fact]
    public async Task EditingToARetraction_IsUnmistakable_AndDeleting_RemovesIt_WithBothAudited()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await OldStoryAsync();
        await AddAsync(editor, story.Id, "Update", "Figures updated.");
        var id = await site.WithDbAsync((db, _) => db.Corrections.Where(c => c.ArticleId == story.Id).Select(c => c.Id).SingleAsync());
        await reader.GetStringAsync(story.UrlOf());

        var edited = await editor.PostFieldsAsync($"/admin/articles/{story.Id}/corrections/{id}",
            [new("kind", "Retraction"), new("text", "This story was based on a forged timetable and has been withdrawn."), new("showAtTop", "true"), new("showAtTop", "false")],
            tokenFrom: $"/admin/articles/{story.Id}");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var top = Html.Parse(await reader.GetStringAsync(story.UrlOf())).QuerySelector(".corrections-top .correction-retraction");
        Assert.NotNull(top);
        Assert.Contains("Retracted", top.QuerySelector(".correction-kind")!.TextContent);
        Assert.Contains("forged timetable", top.TextContent);

        var deleted = await editor.PostFormAsync($"/admin/articles/{story.Id}/corrections/{id}/delete", [], tokenFrom: $"/admin/articles/{story.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(Html.Parse(await reader.GetStringAsync(story.UrlOf())).QuerySelector(".correction"));

        var actions = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().Where(a => a.Target == $"article {story.Id}").Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.CorrectionEdited, actions);
        Assert.Contains(AuditActions.CorrectionDeleted, actions);
    }

    [Fact]
    public async Task ACorrectionSavedAlone_EvictsTheCachedStoryAndCorrectionsPage()
    {
        var reader = site.CreateBrowserlessClient();
        var story = await OldStoryAsync();
        await reader.GetStringAsync(story.UrlOf());
        await reader.GetStringAsync("/corrections");
        var text = $"Saved with no change to the story row {Guid.NewGuid():n}";

        await site.WithDbAsync(async db =>
        {
            db.Corrections.Add(new Correction { ArticleId = story.Id, Kind = CorrectionKind.Clarification, Text = text, At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        Assert.Contains(text, await reader.GetStringAsync(story.UrlOf()));
        Assert.Contains(text, await reader.GetStringAsync("/corrections"));
    }

    [Fact]
    public async Task ACorrection_OnADraft_IsRefused()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);

        var response = await AddAsync(editor, draft.Id, "Correction", "Not yet public.");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
