using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Publishing;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class EditorTests(NewsroomFactory site)
{
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private Task<Article> ArticleAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Include(a => a.Section).AsNoTracking().SingleAsync(a => a.Id == id));

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task Editor_WritesPreviewsAndPublishes_AndTheFrontPageShowsItAtOnce()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var title = $"Ferry strike called off {Guid.NewGuid():n}";
        Assert.DoesNotContain(title, await reader.GetStringAsync("/"));

        var id = IdFrom(await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, title, section), tokenFrom: "/admin/articles/new"));
        var draft = await ArticleAsync(id);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(draft.UrlOf())).StatusCode);

        var preview = await editor.GetStringAsync($"/admin/articles/{id}/preview");
        Assert.Contains(title, preview);
        Assert.Contains("Preview: this is how the story will look", preview);

        var published = await editor.PostFormAsync("/admin/articles/publish", ArticleFields.For(id, draft.Version, title, section), tokenFrom: $"/admin/articles/{id}");
        Assert.Equal($"/admin/articles/{id}", published.Headers.Location?.OriginalString);

        Assert.Contains(title, await reader.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(draft.UrlOf())).StatusCode);
        var audited = await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == "publish" && e.Target!.Contains(title)));
        Assert.True(audited);
    }

    [Fact]
    public async Task Unpublish_TakesTheStoryOffTheSite()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().SaveAsync(site);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(article.UrlOf())).StatusCode);

        await editor.PostFormAsync($"/admin/articles/{article.Id}/unpublish", [], tokenFrom: $"/admin/articles/{article.Id}");

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(article.UrlOf())).StatusCode);
    }

    [Fact]
    public async Task Trash_AndRestore()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().SaveAsync(site);

        await editor.PostFormAsync($"/admin/articles/{article.Id}/trash", [], tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(article.UrlOf())).StatusCode);
        Assert.Contains(article.Title, await editor.GetStringAsync("/admin/articles?filter=trash"));

        await editor.PostFormAsync($"/admin/articles/{article.Id}/restore", [], tokenFrom: $"/admin/articles/{article.Id}");
        var restored = await ArticleAsync(article.Id);
        Assert.Null(restored.DeletedAt);
        Assert.Equal(ArticleStatus.Draft, restored.Status);
    }

    [Fact]
    public async Task Writer_SubmitsForReview_AndTheEditorSeesItOnTheDashboard()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Harbour seals counted {Guid.NewGuid():n}";

        var id = IdFrom(await writer.PostFormAsync("/admin/articles/submit", ArticleFields.For(null, 0, title, await CitySectionIdAsync()), tokenFrom: "/admin/articles/new"));

        var dashboard = Html.Parse(await editor.GetStringAsync("/admin"));
        Assert.Contains(dashboard.QuerySelectorAll("#review ~ ul a"), a => a.TextContent == title);
        var article = await ArticleAsync(id);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        // The writer's own byline was made from their name.
        var byline = await site.WithDbAsync((db, _) => db.ArticleAuthors.Where(a => a.ArticleId == id).Select(a => a.Author.Name).SingleAsync());
        Assert.StartsWith("Writer", byline);
    }

    [Fact]
    public async Task ScheduledStory_StaysHiddenUntilDue_ThenTheSchedulerPublishesIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Tide tables for spring {Guid.NewGuid():n}";
        var inAnHour = DateTime.UtcNow.AddHours(1);
        var local = TimeZoneInfo.ConvertTimeFromUtc(inAnHour, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        var id = IdFrom(await editor.PostFormAsync("/admin/articles/schedule",
            ArticleFields.For(null, 0, title, await CitySectionIdAsync(), publishAt: local.ToString("yyyy-MM-ddTHH:mm")), tokenFrom: "/admin/articles/new"));

        var scheduled = await ArticleAsync(id);
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(inAnHour, scheduled.PublishedAt!.Value, TimeSpan.FromMinutes(1));
        // A scheduler round now publishes nothing of it: it is not due.
        await site.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);
        Assert.Equal(ArticleStatus.Scheduled, (await ArticleAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(scheduled.UrlOf())).StatusCode);

        // Time passes: the story falls due.
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PublishedAt, DateTime.UtcNow.AddSeconds(-1))));

        await Poll.UntilAsync(async () => (await reader.GetAsync(scheduled.UrlOf())).StatusCode == HttpStatusCode.OK ? (bool?)true : null,
            TimeSpan.FromSeconds(10), "the scheduler to publish the story");
        var live = await ArticleAsync(id);
        Assert.Equal(ArticleStatus.Published, live.Status);
        Assert.NotNull(live.WentLiveAt);
    }

    [Fact]
    public async Task ScheduledStory_WhoseTimePassedLongAgo_IsPublished_AndFlaggedAsLate()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().ScheduledFor(DateTime.UtcNow.AddHours(-3)).SaveAsync(site);

        await Poll.UntilAsync(async () => (await ArticleAsync(article.Id)).Status == ArticleStatus.Published ? (bool?)true : null,
            TimeSpan.FromSeconds(10), "the scheduler to publish the missed story");

        var dashboard = Html.Parse(await editor.GetStringAsync("/admin"));
        Assert.Contains(dashboard.QuerySelectorAll("#late ~ ul a"), a => a.TextContent == article.Title);
    }

    [Fact]
    public async Task Schedule_InThePast_IsRefusedWithAMessage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var response = await editor.PostFormAsync("/admin/articles/schedule",
            ArticleFields.For(null, 0, "Too late", await CitySectionIdAsync(), publishAt: "2001-01-01T09:00"), tokenFrom: "/admin/articles/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose a time in the future", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryEditKeepsARevision_AndAnOldOneCanBeRestored()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var title = $"Revision story {Guid.NewGuid():n}";
        var id = IdFrom(await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, title, section, body: "The original wording."), tokenFrom: "/admin/articles/new"));
        var v1 = await ArticleAsync(id);
        IdFrom(await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(id, v1.Version, title, section, body: "A rewritten version."), tokenFrom: $"/admin/articles/{id}"));

        var compare = await editor.GetStringAsync($"/admin/articles/{id}/revisions/compare?from=1&to=2");
        // Word by word: the changed phrase is marked, the full stop the versions share is not.
        Assert.Contains("The original wording<", compare);
        Assert.Contains("A rewritten version<", compare);
        Assert.Contains("<del", compare);

        await editor.PostFormAsync($"/admin/articles/{id}/revisions/1/restore", [], tokenFrom: $"/admin/articles/{id}/revisions");

        var restored = await ArticleAsync(id);
        Assert.Equal("The original wording.", restored.BodyMarkdown);
        Assert.Contains("The original wording.", restored.BodyHtml);
        var revisions = await site.WithDbAsync((db, _) => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Note).ToListAsync());
        Assert.Equal(["Saved", "Saved", "Restored revision 1"], revisions);
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameVersion_TheSecondGetsAConflict_AndNothingIsOverwritten()
    {
        var first = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var second = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().SaveAsync(site);
        var section = article.SectionId;

        var saved = await first.PostFormAsync("/admin/articles/save", ArticleFields.For(article.Id, article.Version, "First editor's headline", section, body: "First editor's body."), tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var conflict = await second.PostFormAsync("/admin/articles/save", ArticleFields.For(article.Id, article.Version, "Second editor's headline", section, body: "Second editor's body."), tokenFrom: $"/admin/articles/{article.Id}");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = Html.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this story", page.QuerySelector(".validation-summary-errors")?.TextContent);
        Assert.Contains("First editor's headline", page.QuerySelector(".conflict")?.TextContent);
        // The second editor's text is still in the form, and the form now carries the current version.
        Assert.Equal("Second editor's headline", page.QuerySelector("#Title")?.GetAttribute("value"));
        var stored = await ArticleAsync(article.Id);
        Assert.Equal("First editor's headline", stored.Title);
        Assert.Equal(stored.Version.ToString(), page.QuerySelector("input[name=Version]")?.GetAttribute("value"));

        // Saving again, having seen the conflict, keeps the second editor's version deliberately.
        var retry = await second.PostFormAsync("/admin/articles/save", ArticleFields.For(article.Id, stored.Version, "Second editor's headline", section, body: "Second editor's body."), tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Second editor's headline", (await ArticleAsync(article.Id)).Title);
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameVersionAtTheSameMoment_OneSaves_TheOtherGetsTheConflictPage_NeverA500()
    {
        var first = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var second = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        // A long story widens the window between reading the version and writing the save (the body is rendered in it).
        var rest = string.Concat(Enumerable.Repeat("\n\nA paragraph further down that neither editor touched, long enough to take some rendering.", 1500));
        for (var round = 0; round < 20; round++)
        {
            var article = await new ArticleBuilder().SaveAsync(site);
            var tokens = await Task.WhenAll(first.TokenAsync($"/admin/articles/{article.Id}"), second.TokenAsync($"/admin/articles/{article.Id}"));
            HttpContent Form(string who, string token) => new FormUrlEncodedContent(
                ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId, body: $"The same paragraph, as {who} wrote it.{rest}")
                    .Append(new("__RequestVerificationToken", token)));

            var responses = await Task.WhenAll(
                first.Http.PostAsync("/admin/articles/save", Form("the first editor", tokens[0])),
                second.Http.PostAsync("/admin/articles/save", Form("the second editor", tokens[1])));

            var codes = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.True(codes.SequenceEqual([HttpStatusCode.Redirect, HttpStatusCode.Conflict]), $"Round {round}: {string.Join(", ", codes.Select(c => (int)c))}");
            var conflict = Html.Parse(await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync());
            Assert.Contains("Someone else saved this story", conflict.QuerySelector(".validation-summary-errors")?.TextContent);
            var winner = responses[0].StatusCode == HttpStatusCode.Redirect ? "the first editor" : "the second editor";
            var loser = winner == "the first editor" ? "the second editor" : "the first editor";
            // The loser's text is still in their form; the stored story is the winner's, with exactly one new revision.
            Assert.Contains($"as {loser} wrote it", conflict.QuerySelector("#BodyMarkdown")?.TextContent);
            var stored = await ArticleAsync(article.Id);
            Assert.Equal($"The same paragraph, as {winner} wrote it.{rest}", stored.BodyMarkdown);
            Assert.Equal(article.Version + 1, stored.Version);
            Assert.Equal(1, await site.WithDbAsync((db, _) => db.ArticleRevisions.CountAsync(r => r.ArticleId == article.Id)));
        }
    }

    [Fact]
    public async Task ChangingTheSlug_RedirectsTheOldAddress()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().SaveAsync(site);
        var newSlug = $"{article.Slug}-corrected";

        await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId, slug: newSlug), tokenFrom: $"/admin/articles/{article.Id}");

        var old = await reader.GetAsync(article.UrlOf());
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/{article.Section.Slug}/{newSlug}", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DuplicateSlug_IsRefusedWithAMessage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var existing = await new ArticleBuilder().SaveAsync(site);

        var response = await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, "Another story", existing.SectionId, slug: existing.Slug), tokenFrom: "/admin/articles/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Another story already uses (or used) that address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingHeadline_GetsAValidationMessage_AndNothingIsSaved()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await site.WithDbAsync((db, _) => db.Articles.CountAsync());

        var response = await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, "", await CitySectionIdAsync(), body: "Keep this text"), tokenFrom: "/admin/articles/new");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Write a headline.", html);
        Assert.Contains("Keep this text", html);
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task ScriptInTitleStandfirstAndBody_IsHarmlessOnThePublicPage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var marker = Guid.NewGuid().ToString("n");
        var title = $"<script>alert('{marker}')</script> Headline {marker}";
        var standfirst = "<img src=x onerror=alert(1)> standfirst";
        var body = """
            Normal paragraph.

            <script>alert('body')</script>

            [a link](javascript:alert(1))

            <a href="javascript:alert(2)" onclick="alert(3)">click</a>

            <svg onload="alert(4)"><script>alert(5)</script></svg>

            <img src="x" onerror="alert(6)">

            <iframe src="https://evil.example"></iframe>
            """;
        var id = IdFrom(await editor.PostFormAsync("/admin/articles/publish", ArticleFields.For(null, 0, title, section, body: body, standfirst: standfirst), tokenFrom: "/admin/articles/new"));
        var article = await ArticleAsync(id);

        var html = await reader.GetStringAsync(article.UrlOf());
        var document = Html.Parse(html);

        Assert.Equal(title, document.QuerySelector("h1")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("main script"));
        // The only frames are the site's own sandboxed ad frames.
        Assert.Empty(document.QuerySelectorAll("[onerror], [onclick], [onload], iframe:not(.ad-frame), svg"));
        Assert.All(document.QuerySelectorAll("iframe"), frame => Assert.StartsWith("/ads/", frame.GetAttribute("src")));
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true);
        Assert.All(document.QuerySelectorAll("head script:not([type='application/ld+json']):not([src])"), s => Assert.Fail($"Unexpected inline script: {s.OuterHtml}"));
        Assert.DoesNotContain($"<script>alert('{marker}')", html);
    }

    [Fact]
    public async Task LivePreview_RendersSanitisedHtml()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await editor.PostFormAsync("/admin/articles/preview-body", new() { ["markdown"] = "**Bold** <script>alert(1)</script>" }, tokenFrom: "/admin/articles/new");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.DoesNotContain("<script", html);
    }
}
