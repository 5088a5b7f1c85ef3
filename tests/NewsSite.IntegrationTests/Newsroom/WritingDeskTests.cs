using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>The writing desk's server side: autosave into a private working copy, merging two people's saves, who else is editing, and a lapsed session.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class WritingDeskTests(NewsroomFactory site)
{
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private Task<Article> ArticleAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Include(a => a.Section).AsNoTracking().SingleAsync(a => a.Id == id));

    private Task<List<ArticleRevision>> RevisionsAsync(int id) =>
        site.WithDbAsync((db, _) => db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Number).ToListAsync());

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> AutosaveAsync(StaffClient client, Dictionary<string, string> fields, string tokenFrom) =>
        client.PostFormAsync("/admin/articles/autosave", fields, tokenFrom);

    /// <summary>A story saved through the editor, so that its revisions record its versions (the base of a merge).</summary>
    private async Task<Article> SavedStoryAsync(StaffClient editor, string body, string? title = null, bool publish = false)
    {
        var response = await editor.PostFormAsync(publish ? "/admin/articles/publish" : "/admin/articles/save",
            ArticleFields.For(null, 0, title ?? $"Harbour wall to be rebuilt {Guid.NewGuid():n}", await CitySectionIdAsync(), body: body), tokenFrom: "/admin/articles/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await ArticleAsync(int.Parse(response.Headers.Location!.OriginalString.Split('/').Last()));
    }

    [Fact]
    public async Task AutosaveOfAPublishedStory_GoesToAPrivateWorkingCopy_AndNothingPublicChangesUntilTheEditorUpdatesIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(editor, "The published paragraph.", publish: true);
        var address = $"/{story.Section.Slug}/{story.Slug}";
        Assert.Contains("The published paragraph.", await reader.GetStringAsync(address));
        var editPage = $"/admin/articles/{story.Id}";

        // Several autosaves while the editor types: one working copy, rewritten in place.
        for (var i = 1; i <= 3; i++)
        {
            var saved = await JsonOf(await AutosaveAsync(editor, ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: $"The paragraph, rewritten {i} times."), editPage));
            Assert.True(saved.GetProperty("saved").GetBoolean());
            Assert.Equal(story.Version, saved.GetProperty("version").GetInt32());
        }

        var unchanged = await ArticleAsync(story.Id);
        Assert.Equal(story.Version, unchanged.Version);
        Assert.Equal("The published paragraph.", unchanged.BodyMarkdown);
        Assert.Contains("The published paragraph.", await reader.GetStringAsync(address));
        Assert.DoesNotContain("rewritten", await reader.GetStringAsync(address));
        var revisions = await RevisionsAsync(story.Id);
        var copy = Assert.Single(revisions, r => r.IsAutosave);
        Assert.Equal("The paragraph, rewritten 3 times.", copy.BodyMarkdown);
        Assert.Equal(story.Version, copy.ArticleVersion);

        // Opening the editor again brings the working copy back, and says it is not on the story yet.
        var page = Html.Parse(await editor.GetStringAsync(editPage));
        Assert.Equal("The paragraph, rewritten 3 times.", page.QuerySelector("#BodyMarkdown")?.TextContent.Trim());
        Assert.Contains("unsaved changes", page.QuerySelector(".working-copy")?.TextContent);

        // Updating the story publishes the words, and the working copy becomes that revision instead of piling up.
        var update = await editor.PostFormAsync("/admin/articles/publish", ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "The paragraph, rewritten 3 times."), editPage);
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        Assert.Contains("rewritten 3 times", await reader.GetStringAsync(address));
        var after = await RevisionsAsync(story.Id);
        Assert.DoesNotContain(after, r => r.IsAutosave);
        Assert.Equal(revisions.Count, after.Count);
    }

    [Fact]
    public async Task DiscardingTheWorkingCopy_ShowsTheStoryAsSaved()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(editor, "As saved.");
        var editPage = $"/admin/articles/{story.Id}";
        await JsonOf(await AutosaveAsync(editor, ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "Typed, never saved."), editPage));

        var discard = await editor.PostFormAsync($"/admin/articles/{story.Id}/working-copy/discard", [], editPage);

        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);
        var page = Html.Parse(await editor.GetStringAsync(editPage));
        Assert.Equal("As saved.", page.QuerySelector("#BodyMarkdown")?.TextContent.Trim());
        Assert.Null(page.QuerySelector(".working-copy"));
    }

    [Fact]
    public async Task AutosaveOfANewStory_MakesItADraftOnceItHasAHeadline_AndUntilThenItIsKeptOnTheDevice()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var section = await CitySectionIdAsync();
        var before = await site.WithDbAsync((db, _) => db.Articles.CountAsync());

        var untitled = await JsonOf(await AutosaveAsync(writer, ArticleFields.For(null, 0, "", section, body: "Notes before a headline."), "/admin/articles/new"));
        Assert.False(untitled.GetProperty("saved").GetBoolean());
        Assert.Contains("headline", untitled.GetProperty("message").GetString());
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Articles.CountAsync()));

        var titled = await JsonOf(await AutosaveAsync(writer, ArticleFields.For(null, 0, "Lifeboat launched twice in a day", section, body: "Notes before a headline."), "/admin/articles/new"));
        Assert.True(titled.GetProperty("saved").GetBoolean());
        var id = titled.GetProperty("id").GetInt32();
        var draft = await ArticleAsync(id);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(draft.Version, titled.GetProperty("version").GetInt32());
        Assert.Equal($"/admin/articles/{id}", titled.GetProperty("editUrl").GetString());
    }

    [Fact]
    public async Task Autosave_WithASessionThatLapsed_Answers401_AndKeepsNothingFromAStranger()
    {
        var anonymous = StaffClient.Anonymous(site);
        anonymous.Http.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");

        var session = await anonymous.Http.GetAsync("/admin/session");
        var autosave = await anonymous.Http.PostAsync("/admin/articles/autosave", new FormUrlEncodedContent(new Dictionary<string, string> { ["Title"] = "x" }));

        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, autosave.StatusCode);
    }

    [Fact]
    public async Task SessionCheck_GivesASignedInEditorAFreshFormToken_ThatSaves()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        editor.Http.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");

        var token = (await JsonOf(await editor.Http.GetAsync("/admin/session"))).GetProperty("token").GetString()!;
        var fields = ArticleFields.For(null, 0, "Saved with the session's fresh token", section);
        fields["__RequestVerificationToken"] = token;
        var save = await editor.Http.PostAsync("/admin/articles/save", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
    }

    [Fact]
    public async Task TwoEditorsChangingDifferentParagraphs_BothChangesAreKept_WithoutAConflict()
    {
        var maya = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var tomas = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(maya, "Paragraph one.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.");
        var editPage = $"/admin/articles/{story.Id}";

        var first = await maya.PostFormAsync("/admin/articles/save",
            ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "Paragraph one, corrected by Maya.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four."), editPage);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await tomas.PostFormAsync("/admin/articles/save",
            ArticleFields.For(story.Id, story.Version, "Harbour wall to be rebuilt by spring " + story.Id, story.SectionId, body: "Paragraph one.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four, extended by Tomás."), editPage);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var stored = await ArticleAsync(story.Id);
        Assert.Equal("Paragraph one, corrected by Maya.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four, extended by Tomás.", stored.BodyMarkdown);
        Assert.Equal("Harbour wall to be rebuilt by spring " + story.Id, stored.Title);
        Assert.Equal(story.Version + 2, stored.Version);
        var last = (await RevisionsAsync(story.Id))[^1];
        Assert.Contains("merged", last.Note);
        var flash = Html.Parse(await tomas.GetStringAsync(editPage)).QuerySelector(".flash")?.TextContent;
        Assert.Contains("theirs are kept too", flash);
    }

    [Fact]
    public async Task TwoEditorsChangingTheSameParagraph_TheSecondStillGetsTheConflictPage()
    {
        var maya = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var tomas = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(maya, "Paragraph one.\n\nParagraph two.");
        var editPage = $"/admin/articles/{story.Id}";

        await maya.PostFormAsync("/admin/articles/save", ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "Paragraph one as Maya has it.\n\nParagraph two."), editPage);
        var conflict = await tomas.PostFormAsync("/admin/articles/save", ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "Paragraph one as Tomás has it.\n\nParagraph two."), editPage);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Paragraph one as Maya has it.\n\nParagraph two.", (await ArticleAsync(story.Id)).BodyMarkdown);
    }

    [Fact]
    public async Task TheEditorPage_SaysWhoElseHasTheStoryOpen_AndWhenTheyLastSaved()
    {
        var maya = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var tomas = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(maya, "Body.");
        var editPage = $"/admin/articles/{story.Id}";
        const string mayaName = "Maya Okafor";
        await site.WithDbAsync(async (db, _) =>
        {
            var mayaId = await db.ArticleRevisions.Where(r => r.ArticleId == story.Id).Select(r => r.CreatedByUserId).FirstAsync();
            return await db.Users.Where(u => u.Id == mayaId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, mayaName));
        });

        await JsonOf(await AutosaveAsync(maya, ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "Body, being rewritten."), editPage));
        var page = Html.Parse(await tomas.GetStringAsync(editPage));

        Assert.Contains($"{mayaName} is editing — last saved just now", page.QuerySelector("[data-presence]")?.TextContent);
        var tomasCheckIn = await JsonOf(await tomas.PostFormAsync($"/admin/articles/{story.Id}/presence", [], editPage));
        // A UTC time the page's script reads as UTC on every database.
        Assert.EndsWith("Z", tomasCheckIn.GetProperty("others")[0].GetProperty("lastSavedAt").GetString());
        var checkIn = await JsonOf(await maya.PostFormAsync($"/admin/articles/{story.Id}/presence", [], editPage));
        var others = checkIn.GetProperty("others").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.StartsWith("Editor ", Assert.Single(others));
    }

    [Fact]
    public async Task Revisions_NameThePersonWhoSaved_NotTheirEmailAddress_AndKeepTheChoicesBesideTheText()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var fields = ArticleFields.For(null, 0, "Ferry timetable changes", await CitySectionIdAsync());
        fields["Tags"] = "Zeta Ferries, Alpha Harbour, Timetables";
        var save = await editor.PostFormAsync("/admin/articles/save", fields, "/admin/articles/new");
        var id = int.Parse(save.Headers.Location!.OriginalString.Split('/').Last());

        var revision = Assert.Single(await RevisionsAsync(id));
        Assert.DoesNotContain("@", revision.CreatedByName);
        Assert.StartsWith("Editor ", revision.CreatedByName);
        var details = NewsSite.Web.Features.Admin.Articles.RevisionDetails.FromJson(revision.Details)!;
        Assert.Equal(["Zeta Ferries", "Alpha Harbour", "Timetables"], details.Tags);
        Assert.Equal("City", details.Section);
        Assert.NotEmpty(details.Byline);
        // The order the editor gave the tags is kept, in the editor and for readers.
        var page = Html.Parse(await editor.GetStringAsync($"/admin/articles/{id}"));
        Assert.Equal("Zeta Ferries, Alpha Harbour, Timetables", page.QuerySelector("#Tags")?.GetAttribute("value"));
        fields["Id"] = id.ToString();
        fields["Version"] = (await ArticleAsync(id)).Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/articles/publish", fields, $"/admin/articles/{id}")).StatusCode);
        var story = await ArticleAsync(id);
        var published = Html.Parse(await reader.GetStringAsync($"/{story.Section.Slug}/{story.Slug}"));
        Assert.Equal(["Zeta Ferries", "Alpha Harbour", "Timetables"], published.QuerySelectorAll(".tags a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task SomeoneElsesWorkingCopy_IsNeitherListedNorRestorable()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(writer, "The writer's draft.");
        var editPage = $"/admin/articles/{story.Id}";
        await JsonOf(await AutosaveAsync(editor, ArticleFields.For(story.Id, story.Version, story.Title, story.SectionId, body: "The editor's private rewrite."), editPage));
        var copy = Assert.Single(await RevisionsAsync(story.Id), r => r.IsAutosave);

        var revisions = await writer.GetStringAsync($"{editPage}/revisions");
        var compare = await writer.Http.GetAsync($"{editPage}/revisions/compare?from=1&to={copy.Number}");
        var restore = await writer.PostFormAsync($"{editPage}/revisions/{copy.Number}/restore", [], $"{editPage}/revisions");

        Assert.DoesNotContain("Autosave", revisions);
        Assert.Equal(HttpStatusCode.NotFound, compare.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restore.StatusCode);
        Assert.Equal("The writer's draft.", (await ArticleAsync(story.Id)).BodyMarkdown);
        // Its owner sees it, labelled as theirs and not on the site.
        Assert.Contains("Autosave", await editor.GetStringAsync($"{editPage}/revisions"));
    }

    [Fact]
    public async Task ASave_RacingACoEditorsAutosave_ForTheNextRevisionNumber_StillSaves()
    {
        var maya = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var tomas = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await SavedStoryAsync(maya, "Round 0.");
        var editPage = $"/admin/articles/{story.Id}";
        var tokens = await Task.WhenAll(maya.TokenAsync(editPage), tomas.TokenAsync(editPage));
        for (var round = 1; round <= 15; round++)
        {
            var version = (await ArticleAsync(story.Id)).Version;
            FormUrlEncodedContent Form(string body, string token) =>
                new(ArticleFields.For(story.Id, version, story.Title, story.SectionId, body: body).Append(new("__RequestVerificationToken", token)));
            // Tomás's working copy is dropped by his own next autosave, so each round races for a fresh revision number.
            await tomas.PostFormAsync($"/admin/articles/{story.Id}/working-copy/discard", [], editPage);

            var responses = await Task.WhenAll(
                maya.Http.PostAsync("/admin/articles/save", Form($"Round {round}, saved.", tokens[0])),
                tomas.Http.PostAsync("/admin/articles/autosave", Form($"Round {round}, typed.", tokens[1])));

            Assert.True(responses[0].StatusCode == HttpStatusCode.Redirect, $"Round {round}: the save answered {(int)responses[0].StatusCode}");
            Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        }
    }

    [Fact]
    public async Task AWriter_MayDescribeTheirOwnUpload_ButNotChangeAnImageAPublishedStoryShows()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editorsImage = await UploadAsync(editor);
        var story = await SavedStoryAsync(editor, $"Before.\n\n![A quay](media:{editorsImage} \"The quay\")\n\nAfter.", publish: true);
        var address = $"/{story.Section.Slug}/{story.Slug}";

        var refused = await writer.PostFormAsync($"/admin/media/{editorsImage}/details.json", new() { ["AltText"] = "Defaced", ["Caption"] = "Defaced", ["Credit"] = "" }, "/admin/articles/new");
        var ownImage = await UploadAsync(writer);
        var described = await writer.PostFormAsync($"/admin/media/{ownImage}/details.json", new() { ["AltText"] = "A gull", ["Caption"] = "On the quay", ["Credit"] = "Me" }, "/admin/articles/new");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Defaced", await reader.GetStringAsync(address));
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
    }

    private static async Task<int> UploadAsync(StaffClient client)
    {
        using var bitmap = new SkiaSharp.SKBitmap(800, 500);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(40, 90, 130));
        }
        using var encoded = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
        var token = await client.TokenAsync("/admin/articles/new");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(encoded.ToArray()) { Headers = { ContentType = new("image/jpeg") } }, "File", "quay.jpg" },
            { new StringContent("A quay"), "AltText" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var response = await client.Http.PostAsync("/admin/media/upload.json", form);
        return (await JsonOf(response)).GetProperty("id").GetInt32();
    }
}
