using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class IssueEditorTests(NewsletterFactory site)
{
    private static int IdFrom(HttpResponseMessage response) => int.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);

    [Fact]
    public async Task Editor_FindsAnOldStoryByHeadline_AndReordersStoriesWithoutScript()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var word = $"Zebracrossing{Guid.NewGuid():n}"[..24];
        var old = await new ArticleBuilder().Titled($"The {word} inquiry").PublishedAt(DateTime.UtcNow.AddYears(-2)).SaveAsync(site);
        var unrelated = await new ArticleBuilder().SaveAsync(site);
        var a = await new ArticleBuilder().SaveAsync(site);
        var b = await new ArticleBuilder().SaveAsync(site);

        // Not among the newest fifty, but found by its headline; the search keeps what was typed.
        var saved = await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", "Search me"), new("ArticleIds", a.Id.ToString()), new("ArticleIds", b.Id.ToString()), new("Query", word.ToLowerInvariant())], tokenFrom: "/admin/newsletters/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = IdFrom(saved);
        Assert.Contains("q=", saved.Headers.Location!.OriginalString);
        var page = Html.Parse(await editor.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.NotNull(page.QuerySelector($"input[name=ArticleIds][value='{old.Id}']:not([checked])"));
        Assert.Null(page.QuerySelector($"input[name=ArticleIds][value='{unrelated.Id}']"));
        Assert.NotNull(Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}")).QuerySelector($"input[name=ArticleIds][value='{unrelated.Id}']"));

        // Down on the first story: the order changes, nothing else does.
        await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Id", id.ToString()), new("Subject", "Search me"), new("ArticleIds", a.Id.ToString()), new("ArticleIds", b.Id.ToString()), new("ArticleIds", old.Id.ToString()), new("Move", $"{a.Id}:1")],
            tokenFrom: $"/admin/newsletters/{id}");
        var order = await site.WithDbAsync((db, _) => db.NewsletterIssueArticles.Where(l => l.NewsletterIssueId == id).OrderBy(l => l.Position).Select(l => l.ArticleId).ToListAsync());
        Assert.Equal([b.Id, a.Id, old.Id], order);
        var buttons = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}")).QuerySelectorAll("button[name=Move]").Select(x => x.GetAttribute("value")).ToList();
        Assert.Contains($"{old.Id}:-1", buttons);
    }

    [Fact]
    public async Task Preview_OffersAPhoneWidthFrame_AndSendProgress_IsServedAsJsonForThePageScript()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save", [new("Subject", "Progress"), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));

        var preview = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}/preview"));
        Assert.Equal("375", preview.QuerySelector("iframe.email-preview-phone")?.GetAttribute("width"));

        await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}");
        var issuePage = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}"));
        var status = issuePage.QuerySelector("#send-progress");
        Assert.Equal($"/admin/newsletters/{id}/progress.json", status?.GetAttribute("data-progress"));
        Assert.NotNull(issuePage.QuerySelector("script[src^='/js/newsletter-progress.js'][nonce]"));

        var json = await editor.Http.GetAsync($"/admin/newsletters/{id}/progress.json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var progress = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var queued = progress.RootElement.GetProperty("queued").GetInt32();
        Assert.Equal(await site.WithDbAsync((db, _) => db.NewsletterIssues.Where(i => i.Id == id).Select(i => i.QueuedCount).SingleAsync()), queued);
        Assert.True(progress.RootElement.TryGetProperty("sent", out _));
    }
}
