using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Preview links: a draft shown to someone without an account, signed, expiring and revocable, never cached or indexed.</summary>
[Collection(NewsroomCollection.Name)]
public sealed partial class PreviewLinkTests(NewsroomFactory site)
{
    private static async Task<HttpResponseMessage> CreateLinkAsync(StaffClient client, int articleId, int days = 7) =>
        await client.PostFormAsync($"/admin/articles/{articleId}/preview-links", new() { ["days"] = days.ToString() }, tokenFrom: $"/admin/articles/{articleId}");

    /// <summary>The path of the newest preview link listed in the story's editor page.</summary>
    private static async Task<string> LinkPathAsync(StaffClient client, int articleId)
    {
        var page = await client.GetStringAsync($"/admin/articles/{articleId}");
        var match = PreviewUrl().Match(page);
        Assert.True(match.Success, "No preview link on the editor page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<(StaffClient Editor, Article Draft, string Path)> DraftWithLinkAsync()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Titled($"Secret harbour plan {Guid.NewGuid():n}").Draft().SaveAsync(site);
        var created = await CreateLinkAsync(editor, draft.Id);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (editor, draft, await LinkPathAsync(editor, draft.Id));
    }

    [Fact]
    public async Task PreviewLink_ShowsTheDraftToSomeoneSignedOut_WithNoindexAndNoStore()
    {
        var (_, draft, path) = await DraftWithLinkAsync();
        var stranger = StaffClient.Anonymous(site);

        var response = await stranger.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(draft.Title), html);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<meta name=\"robots\" content=\"noindex", html);
        Assert.Null(response.Headers.ETag);
        // The draft itself is still not public, and the link is listed nowhere a crawler looks.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(draft.UrlOf())).StatusCode);
        foreach (var listing in new[] { "/sitemap.xml", "/news-sitemap.xml", "/feed.xml" })
        {
            var text = await (await stranger.Http.GetAsync(listing)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("/preview/", text);
            Assert.DoesNotContain(draft.Title, text);
        }
    }

    [Fact]
    public async Task PreviewLink_OfAStoryInTheTrash_Answers404()
    {
        var (editor, draft, path) = await DraftWithLinkAsync();
        var stranger = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(path)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{draft.Id}/trash", [], tokenFrom: $"/admin/articles/{draft.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task PreviewLink_ShowsTheLatestSavedVersion_AndARevokedLinkAnswers404AtOnce()
    {
        var (editor, draft, path) = await DraftWithLinkAsync();
        var stranger = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(path)).StatusCode);
        var renamed = $"Renamed harbour plan {Guid.NewGuid():n}";
        await site.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Id == draft.Id);
            article.Title = renamed;
            await db.SaveChangesAsync();
        });
        Assert.Contains(renamed, await stranger.GetStringAsync(path));
        var linkId = await site.WithDbAsync((db, _) => db.PreviewLinks.Where(l => l.ArticleId == draft.Id).Select(l => l.Id).SingleAsync());

        var revoked = await editor.PostFormAsync($"/admin/articles/{draft.Id}/preview-links/{linkId}/revoke", [], tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(path)).StatusCode);
        Assert.DoesNotContain(path, await editor.GetStringAsync($"/admin/articles/{draft.Id}"));
        var audited = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Target == $"article {draft.Id}").Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.PreviewLinkCreated, audited);
        Assert.Contains(AuditActions.PreviewLinkRevoked, audited);
    }

    [Fact]
    public async Task ExpiredPreviewLink_Answers404()
    {
        var (_, draft, path) = await DraftWithLinkAsync();
        var stranger = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(path)).StatusCode);

        await site.WithDbAsync(async db =>
        {
            var link = await db.PreviewLinks.SingleAsync(l => l.ArticleId == draft.Id);
            link.ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task TamperedPreviewToken_Answers404()
    {
        var (_, _, path) = await DraftWithLinkAsync();
        var stranger = StaffClient.Anonymous(site);
        var token = path["/preview/".Length..];
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/preview/" + flipped)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/preview/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/preview/" + token[..^2])).StatusCode);
    }

    [Fact]
    public async Task Writer_CannotCreateOrRevokeLinksForSomeoneElsesStory_ButCanForTheirOwn()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var (_, others, _) = await DraftWithLinkAsync();
        var othersLink = await site.WithDbAsync((db, _) => db.PreviewLinks.Where(l => l.ArticleId == others.Id).Select(l => l.Id).SingleAsync());
        var section = await site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());
        var saved = await writer.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, $"My own story {Guid.NewGuid():n}", section), tokenFrom: "/admin/articles/new");
        var own = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

        var create = await writer.PostFormAsync($"/admin/articles/{others.Id}/preview-links", new() { ["days"] = "7" });
        var revoke = await writer.PostFormAsync($"/admin/articles/{others.Id}/preview-links/{othersLink}/revoke", []);
        var createOwn = await CreateLinkAsync(writer, own, days: 1);

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, createOwn.StatusCode);
        var links = await site.WithDbAsync((db, _) => db.PreviewLinks.Where(l => l.ArticleId == others.Id || l.ArticleId == own).ToListAsync());
        Assert.Single(links, l => l.ArticleId == others.Id);
        Assert.Null(links.Single(l => l.ArticleId == others.Id).RevokedAt);
        var ownLink = Assert.Single(links, l => l.ArticleId == own);
        Assert.InRange(ownLink.ExpiresAt - ownLink.CreatedAt, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        Assert.DoesNotContain("@", ownLink.CreatedByName);
    }

    [GeneratedRegex("value=\"https?://[^/\"]+(/preview/[^\"]+)\"")]
    private static partial Regex PreviewUrl();
}
