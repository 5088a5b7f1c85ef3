using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Live coverage: entries posted from the live desk, on the story's page (cached or not), in its polled fragment and in its JSON-LD.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class LiveCoverageTests(NewsroomFactory site)
{
    private static Task<HttpResponseMessage> PostEntryAsync(StaffClient client, int articleId, string body, string title = "") =>
        client.PostFormAsync($"/admin/articles/{articleId}/live/entries", new() { ["title"] = title, ["body"] = body });

    private static JsonElement LiveBlogLd(string html) =>
        Html.Parse(html).QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(j => j.GetProperty("@type").GetString() == "LiveBlogPosting");

    private async Task<Article> LiveStoryAsync(Action<Article>? change = null) =>
        await new ArticleBuilder().Titled($"Storm live {Guid.NewGuid():n}")
            .With(a =>
            {
                a.WorkType = WorkType.Live;
                a.LiveStartedAt = DateTime.UtcNow.AddHours(-1);
                change?.Invoke(a);
            })
            .SaveAsync(site);

    private async Task<int> EntryIdAsync(int articleId, string bodyContains) =>
        await site.WithDbAsync((db, _) => db.LiveEntries.Where(e => e.ArticleId == articleId && e.BodyMarkdown.Contains(bodyContains)).Select(e => e.Id).SingleAsync());

    private async Task<(StaffClient Client, string UserId)> WriterAsync()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var client = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, StaffClient.Password)).StatusCode);
        var id = await site.WithDbAsync((db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (client, id);
    }

    [Fact]
    public async Task EntryPosted_IsOnTheNextUncachedAndCachedView_AndInThePolledFragment()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await LiveStoryAsync();
        var first = $"The ferry terminal has closed {Guid.NewGuid():n}";

        Assert.Equal(HttpStatusCode.Redirect, (await PostEntryAsync(editor, story.Id, first, "Terminal closed")).StatusCode);

        // Never viewed before: the first view is built fresh, and it is now in the page cache.
        var uncached = Html.Parse(await reader.GetStringAsync(story.UrlOf()));
        var entry = uncached.QuerySelector(".live-coverage .live-entry");
        Assert.NotNull(entry);
        Assert.Contains(first, entry.TextContent);
        Assert.Equal("Terminal closed", entry.QuerySelector(".live-entry-title")!.TextContent);
        Assert.Matches("^update-[0-9]+$", entry.Id!);
        Assert.NotNull(entry.QuerySelector($"a[href='#{entry.Id}'] time[datetime]"));
        Assert.Contains("Posted by Editor", entry.QuerySelector(".live-entry-by")!.TextContent);
        Assert.NotNull(uncached.QuerySelector("script[src^='/js/live.js']"));
        Assert.NotNull(uncached.QuerySelector($"[data-live-updates='/live/{story.Id}/updates']"));

        var fragment = await reader.GetStringAsync($"/live/{story.Id}/updates");
        var second = $"Police close Marine Parade {Guid.NewGuid():n}";
        await PostEntryAsync(editor, story.Id, second);

        // The cached page and the cached fragment were both evicted by the save.
        var cached = Html.Parse(await reader.GetStringAsync(story.UrlOf()));
        var entries = cached.QuerySelectorAll(".live-coverage .live-entry").Select(e => e.TextContent).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(second, entries[0]); // newest first
        Assert.Contains(first, entries[1]);
        Assert.DoesNotContain(second, fragment);
        var updates = await reader.GetAsync($"/live/{story.Id}/updates");
        Assert.Equal(HttpStatusCode.OK, updates.StatusCode);
        var html = await updates.Content.ReadAsStringAsync();
        Assert.Contains(second, html);
        Assert.Contains("data-live-state=\"running\"", html);
        Assert.True(updates.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(5), updates.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task EditPinAndDelete_AreShownToReaders_AndAudited()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await LiveStoryAsync();
        await PostEntryAsync(editor, story.Id, "Older: the first entry, to be pinned.");
        await PostEntryAsync(editor, story.Id, "Newer: a typo here.");
        await PostEntryAsync(editor, story.Id, "Doomed: posted by mistake.");
        var older = await EntryIdAsync(story.Id, "Older:");
        var newer = await EntryIdAsync(story.Id, "Newer:");
        var doomed = await EntryIdAsync(story.Id, "Doomed:");
        await reader.GetStringAsync(story.UrlOf()); // cached

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries/{older}/pin", new() { ["pinned"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries/{newer}", new() { ["title"] = "Fixed", ["body"] = "Newer: no typo now." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries/{doomed}/delete", new())).StatusCode);

        var page = Html.Parse(await reader.GetStringAsync(story.UrlOf()));
        var entries = page.QuerySelectorAll(".live-coverage .live-entry").ToList();
        Assert.Equal([$"update-{older}", $"update-{newer}"], entries.Select(e => e.Id));
        Assert.Contains("live-entry-pinned", entries[0].ClassName);
        Assert.Contains("Pinned", entries[0].TextContent);
        Assert.Contains("no typo now", entries[1].TextContent);
        Assert.DoesNotContain("a typo here", page.Body!.TextContent);
        Assert.NotNull(entries[1].QuerySelector(".live-edited"));
        Assert.Null(entries[0].QuerySelector(".live-edited"));
        Assert.DoesNotContain("Doomed", page.Body.TextContent);

        var kept = await site.WithDbAsync((db, _) => db.LiveEntries.AsNoTracking().SingleAsync(e => e.Id == doomed));
        Assert.NotNull(kept.DeletedAt);
        var actions = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().Where(a => a.Target == $"article {story.Id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(3, actions.Count(a => a == AuditActions.LiveEntryAdded));
        Assert.Contains(AuditActions.LiveEntryPinned, actions);
        Assert.Contains(AuditActions.LiveEntryEdited, actions);
        Assert.Contains(AuditActions.LiveEntryDeleted, actions);
    }

    [Fact]
    public async Task HostileMarkdown_IsSanitised_OnThePage_InTheFragment_AndInJsonLd()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await LiveStoryAsync();
        const string hostile = "**Bold** <script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3))";

        await PostEntryAsync(editor, story.Id, hostile, "</script><script>alert(4)</script>");

        var reader = site.CreateBrowserlessClient();
        foreach (var html in new[] { await reader.GetStringAsync(story.UrlOf()), await reader.GetStringAsync($"/live/{story.Id}/updates") })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("onerror", html);
            Assert.DoesNotContain("javascript:alert", html);
            var entry = Html.Parse(html).QuerySelector(".live-entry")!;
            Assert.Equal("Bold", entry.QuerySelector(".live-entry-body strong")!.TextContent);
            Assert.Equal("</script><script>alert(4)</script>", entry.QuerySelector(".live-entry-title")!.TextContent);
        }
        var update = LiveBlogLd(await reader.GetStringAsync(story.UrlOf())).GetProperty("liveBlogUpdate")[0];
        Assert.Equal("</script><script>alert(4)</script>", update.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Writer_PostsToTheirOwnDraftLiveStory_ButNotOnceItIsOut_NorToSomeoneElses()
    {
        var (writer, writerId) = await WriterAsync();
        var draft = await new ArticleBuilder().Draft().With(a => { a.WorkType = WorkType.Live; a.CreatedByUserId = writerId; }).SaveAsync(site);
        var published = await LiveStoryAsync(a => a.CreatedByUserId = writerId);
        var someoneElses = await LiveStoryAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await PostEntryAsync(writer, draft.Id, "Prepared before it goes out.")).StatusCode);
        // Refused as everywhere in the newsroom: to the access-denied page (a 403), since an entry goes to readers at once.
        Assert.Equal("/admin/access-denied", (await PostEntryAsync(writer, published.Id, "Straight to readers?")).Headers.Location?.AbsolutePath);
        Assert.Equal("/admin/access-denied", (await writer.Http.GetAsync($"/admin/articles/{published.Id}/live")).Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Http.GetAsync("/admin/access-denied")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostEntryAsync(writer, someoneElses.Id, "Not mine.")).StatusCode);

        var posted = await site.WithDbAsync((db, _) => db.LiveEntries.Where(e => e.ArticleId == published.Id || e.ArticleId == someoneElses.Id).CountAsync());
        Assert.Equal(0, posted);
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.LiveEntries.Where(e => e.ArticleId == draft.Id).CountAsync()));
    }

    [Fact]
    public async Task JsonLd_IsLiveBlogPosting_WithCoverageStartAndEntries_AndEndingCoverage_SetsItsEndAndChangesTheCard()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = site.CreateBrowserlessClient();
        var story = await LiveStoryAsync();
        await PostEntryAsync(editor, story.Id, "Winds are rising along the front, with gusts of 60 mph.", "Winds rising");
        await PostEntryAsync(editor, story.Id, "Rain has set in across the Old Town and drains are filling.");

        var ld = LiveBlogLd(await reader.GetStringAsync(story.UrlOf()));
        Assert.True(ld.TryGetProperty("coverageStartTime", out _));
        Assert.False(ld.TryGetProperty("coverageEndTime", out _));
        var updates = ld.GetProperty("liveBlogUpdate").EnumerateArray().ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal("BlogPosting", u.GetProperty("@type").GetString()));
        Assert.StartsWith("Rain has set in", updates[0].GetProperty("headline").GetString()); // first words, untitled
        Assert.Equal("Winds rising", updates[1].GetProperty("headline").GetString());
        Assert.Contains("gusts of 60 mph", updates[1].GetProperty("articleBody").GetString());
        Assert.Matches("#update-[0-9]+$", updates[1].GetProperty("url").GetString()!);
        Assert.StartsWith("Editor", updates[1].GetProperty("author").GetProperty("name").GetString());
        var section = await reader.GetStringAsync($"/{story.Section.Slug}");
        var label = Html.Parse(section).QuerySelector(".card .label-live");
        Assert.Equal("Live", label!.TextContent.Trim());
        Assert.Contains("live-running", label.ClassName);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/end", new())).StatusCode);

        var page = await reader.GetStringAsync(story.UrlOf());
        Assert.True(LiveBlogLd(page).TryGetProperty("coverageEndTime", out _));
        Assert.Null(Html.Parse(page).QuerySelector("script[src^='/js/live.js']"));
        Assert.Contains("Live coverage ended", Html.Parse(page).QuerySelector(".live-status")!.TextContent);
        Assert.Contains("data-live-state=\"ended\"", await reader.GetStringAsync($"/live/{story.Id}/updates"));
        var ended = Html.Parse(await reader.GetStringAsync($"/{story.Section.Slug}")).QuerySelector(".card .label-live");
        Assert.Equal("Live coverage ended", ended!.TextContent.Trim());
        Assert.DoesNotContain("live-running", ended.ClassName);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/resume", new())).StatusCode);
        Assert.False(LiveBlogLd(await reader.GetStringAsync(story.UrlOf())).TryGetProperty("coverageEndTime", out _));
    }

    [Fact]
    public async Task PolledFragment_IsNotFound_ForStoriesThatAreNotLive_OrNotPublished()
    {
        var reader = site.CreateBrowserlessClient();
        var news = await new ArticleBuilder().SaveAsync(site);
        var draft = await new ArticleBuilder().Draft().With(a => a.WorkType = WorkType.Live).SaveAsync(site);
        var future = await new ArticleBuilder().ScheduledFor(DateTime.UtcNow.AddDays(1)).With(a => a.WorkType = WorkType.Live).SaveAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/live/{news.Id}/updates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/live/{draft.Id}/updates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/live/{future.Id}/updates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/live/999999/updates")).StatusCode);
    }

    [Fact]
    public async Task PublishingALiveStory_StartsItsCoverage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().With(a => a.WorkType = WorkType.Live).SaveAsync(site);
        var fields = ArticleFields.For(draft.Id, draft.Version, draft.Title, draft.SectionId);
        fields["WorkType"] = nameof(WorkType.Live);

        var published = await editor.PostFormAsync("/admin/articles/publish", fields, tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal($"/admin/articles/{draft.Id}", published.Headers.Location?.OriginalString);
        var started = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == draft.Id).Select(a => a.LiveStartedAt).SingleAsync());
        Assert.NotNull(started);
        var card = Html.Parse(await site.CreateBrowserlessClient().GetStringAsync($"/{draft.Section.Slug}")).QuerySelector(".card .label-live");
        Assert.Equal("Live", card!.TextContent.Trim());
    }
}
