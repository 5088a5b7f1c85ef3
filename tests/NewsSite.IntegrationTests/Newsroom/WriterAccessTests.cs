using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>A writer works on their own stories only: reading as well as writing, and the byline and placement are the editors'.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class WriterAccessTests(NewsroomFactory site)
{
    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static string[] ReadUrls(int id) =>
        [$"/admin/articles/{id}", $"/admin/articles/{id}/preview", $"/admin/articles/{id}/revisions", $"/admin/articles/{id}/revisions/compare?from=1&to=2"];

    private async Task<(int Id, string Title)> DraftWithTwoRevisionsAsync(StaffClient author)
    {
        var section = await CitySectionIdAsync();
        var title = $"Council leak {Guid.NewGuid():n}";
        var id = IdFrom(await author.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, title, section, body: "Secret first draft."), tokenFrom: "/admin/articles/new"));
        var version = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        IdFrom(await author.PostFormAsync("/admin/articles/save", ArticleFields.For(id, version, title, section, body: "Secret second draft."), tokenFrom: $"/admin/articles/{id}"));
        return (id, title);
    }

    [Fact]
    public async Task Dashboard_ShowsAWriterNoOneElsesStoriesAwaitingReviewOrScheduled()
    {
        var owner = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var other = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var title = $"Embargoed budget {Guid.NewGuid():n}";
        IdFrom(await owner.PostFormAsync("/admin/articles/submit", ArticleFields.For(null, 0, title, section), tokenFrom: "/admin/articles/new"));
        var scheduled = await new ArticleBuilder().Titled($"Embargoed results {Guid.NewGuid():n}").ScheduledFor(DateTime.UtcNow.AddDays(2)).SaveAsync(site);

        var othersDashboard = await other.GetStringAsync("/admin");
        var editorsDashboard = await editor.GetStringAsync("/admin");

        Assert.DoesNotContain(title, othersDashboard);
        Assert.DoesNotContain(scheduled.Title, othersDashboard);
        Assert.Contains(title, editorsDashboard);
        Assert.Contains(scheduled.Title, editorsDashboard);
        Assert.Contains(title, await owner.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task Writer_CannotReadSomeoneElsesDraft_PreviewOrRevisions_ButReadsTheirOwn()
    {
        var owner = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var other = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var (id, title) = await DraftWithTwoRevisionsAsync(owner);

        foreach (var url in ReadUrls(id))
        {
            Assert.True((await other.Http.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"Another writer could open {url}");
            Assert.True((await owner.Http.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"The owner could not open {url}");
        }
        foreach (var filter in new[] { "all", "drafts", "mine" })
        {
            Assert.DoesNotContain(title, await other.GetStringAsync($"/admin/articles?filter={filter}"));
        }
        Assert.Contains(title, await owner.GetStringAsync("/admin/articles"));

        // A refused post for someone else's story shows nothing of it either.
        var invalid = await other.PostFormAsync("/admin/articles/save", ArticleFields.For(id, 0, "", await CitySectionIdAsync()), tokenFrom: "/admin/articles/new");
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
    }

    [Fact]
    public async Task Editor_ReadsAWritersDraft()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var (id, title) = await DraftWithTwoRevisionsAsync(writer);

        foreach (var url in ReadUrls(id))
        {
            Assert.True((await editor.Http.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"The editor could not open {url}");
        }
        Assert.Contains(title, await editor.GetStringAsync("/admin/articles?filter=drafts"));
    }

    [Fact]
    public async Task Writer_PostingABylineFeaturedOrNoAds_IsIgnored_OnNewAndExistingStories()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var someoneElse = await new ArticleBuilder().By($"Star Columnist {Guid.NewGuid():n}").SaveAsync(site);
        var starId = await site.WithDbAsync((db, _) => db.ArticleAuthors.Where(a => a.ArticleId == someoneElse.Id).Select(a => a.AuthorId).SingleAsync());
        var title = $"Writer's own story {Guid.NewGuid():n}";

        var fields = ArticleFields.For(null, 0, title, section);
        fields["AuthorIds"] = starId.ToString();
        fields["IsFeatured"] = "true";
        fields["NoAds"] = "true";
        var id = IdFrom(await writer.PostFormAsync("/admin/articles/save", fields, tokenFrom: "/admin/articles/new"));

        var created = await site.WithDbAsync((db, _) => db.Articles.Include(a => a.Authors).ThenInclude(a => a.Author).AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.False(created.IsFeatured);
        Assert.False(created.NoAds);
        Assert.StartsWith("Writer", Assert.Single(created.Authors).Author.Name);

        // An editor puts the columnist's byline on it and takes the ads off; the writer's next save keeps both.
        var editorFields = ArticleFields.For(id, created.Version, title, section);
        editorFields["AuthorIds"] = starId.ToString();
        editorFields["NoAds"] = "true";
        IdFrom(await editor.PostFormAsync("/admin/articles/save", editorFields, tokenFrom: $"/admin/articles/{id}"));
        var version = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());

        var writerFields = ArticleFields.For(id, version, title, section, body: "The writer's new paragraph.");
        writerFields["AuthorIds"] = created.Authors.Single().AuthorId.ToString();
        writerFields["IsFeatured"] = "true";
        IdFrom(await writer.PostFormAsync("/admin/articles/save", writerFields, tokenFrom: $"/admin/articles/{id}"));

        var saved = await site.WithDbAsync((db, _) => db.Articles.Include(a => a.Authors).AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal("The writer's new paragraph.", saved.BodyMarkdown);
        Assert.Equal(starId, Assert.Single(saved.Authors).AuthorId);
        Assert.True(saved.NoAds);
        Assert.False(saved.IsFeatured);

        // The writer's form shows those fields, but not as something they can change.
        var page = Html.Parse(await writer.GetStringAsync($"/admin/articles/{id}"));
        Assert.NotNull(page.QuerySelector("input[name=IsFeatured]"));
        Assert.All(page.QuerySelectorAll("input[name=IsFeatured], input[name=NoAds], input[name=AuthorIds]"),
            input => Assert.NotNull(input.Closest("fieldset[disabled]")));
        var editorPage = Html.Parse(await editor.GetStringAsync($"/admin/articles/{id}"));
        Assert.Empty(editorPage.QuerySelectorAll("fieldset[disabled]"));
    }
}
