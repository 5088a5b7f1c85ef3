using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class LabelEditorTests(NewsroomFactory site)
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

    private static Dictionary<string, string> With(Dictionary<string, string> fields, params (string Key, string Value)[] extra)
    {
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }
        return fields;
    }

    [Fact]
    public async Task Editor_SavesTypeOfWorkSponsorDatelineAndBackstory_AndTheEditPageShowsThemAgain()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var section = await CitySectionIdAsync();
        var title = $"Paid ferry guide {Guid.NewGuid():n}";

        var id = IdFrom(await editor.PostFormAsync("/admin/articles/save", With(ArticleFields.For(null, 0, title, section),
            ("WorkType", "Sponsored"), ("SponsorName", "Acme Ferries"), ("Dateline", "north quay"), ("Backstory", "We asked <three> captains.")), tokenFrom: "/admin/articles/new"));

        var stored = await ArticleAsync(id);
        Assert.Equal(WorkType.Sponsored, stored.WorkType);
        Assert.Equal("Acme Ferries", stored.SponsorName);
        Assert.Equal("NORTH QUAY", stored.Dateline);
        var page = Html.Parse(await editor.GetStringAsync($"/admin/articles/{id}"));
        Assert.Equal("Sponsored", page.QuerySelector("#WorkType option[selected]")?.GetAttribute("value"));
        Assert.Equal("Acme Ferries", page.QuerySelector("#SponsorName")?.GetAttribute("value"));
        Assert.Equal("NORTH QUAY", page.QuerySelector("#Dateline")?.GetAttribute("value"));
        Assert.Equal("We asked <three> captains.", page.QuerySelector("#Backstory")?.TextContent);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("schedule")]
    public async Task SponsoredStory_WithoutASponsor_IsNotPublished(string action)
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var publishAt = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-ddTHH:mm");

        var response = await editor.PostFormAsync($"/admin/articles/{action}",
            With(ArticleFields.For(draft.Id, draft.Version, draft.Title, draft.SectionId, publishAt: publishAt), ("WorkType", "Sponsored"), ("SponsorName", " ")),
            tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("fill in “Paid for by” before it goes out", page.QuerySelector("[data-valmsg-for=SponsorName].field-validation-error")?.TextContent);
        var stored = await ArticleAsync(draft.Id);
        Assert.Equal(ArticleStatus.Draft, stored.Status);
        Assert.Equal(WorkType.News, stored.WorkType);
    }

    [Fact]
    public async Task SponsoredStory_WithASponsor_GoesOutSayingWhoPaid()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);

        var response = await editor.PostFormAsync("/admin/articles/publish",
            With(ArticleFields.For(draft.Id, draft.Version, draft.Title, draft.SectionId), ("WorkType", "Sponsored"), ("SponsorName", "Acme Ferries")),
            tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = Html.Parse(await reader.GetStringAsync(draft.UrlOf()));
        Assert.Contains("Paid for by Acme Ferries", page.QuerySelector(".byline")?.TextContent);
    }

    [Fact]
    public async Task Writer_CannotMakeAStorySponsored_NorSeeTheChoice_ButLabelsTheirOpinion()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var section = await CitySectionIdAsync();
        var newPage = await writer.GetStringAsync("/admin/articles/new");
        Assert.Null(Html.Parse(newPage).QuerySelector("#WorkType option[value=Sponsored]"));

        var sponsored = IdFrom(await writer.PostFormAsync("/admin/articles/save",
            With(ArticleFields.For(null, 0, $"Advertorial {Guid.NewGuid():n}", section), ("WorkType", "Sponsored"), ("SponsorName", "Acme")), tokenFrom: "/admin/articles/new"));
        var opinion = IdFrom(await writer.PostFormAsync("/admin/articles/save",
            With(ArticleFields.For(null, 0, $"My view {Guid.NewGuid():n}", section), ("WorkType", "Opinion")), tokenFrom: "/admin/articles/new"));

        var stored = await ArticleAsync(sponsored);
        Assert.Equal(WorkType.News, stored.WorkType);
        Assert.Null(stored.SponsorName);
        Assert.Equal(WorkType.Opinion, (await ArticleAsync(opinion)).WorkType);
    }

    [Fact]
    public async Task Editor_ShowsAnUpdatedTimeWithAReason_WhenUpdatingAPublishedStory()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddDays(-1)).SaveAsync(site);
        var fields = ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId);

        var noReason = await editor.PostFormAsync("/admin/articles/publish", With(new(fields), ("ShowUpdated", "true")), tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Say in a few words what changed", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));
        Assert.Null((await ArticleAsync(article.Id)).ShownUpdatedAt);

        var updated = await editor.PostFormAsync("/admin/articles/publish",
            With(new(fields), ("ShowUpdated", "true"), ("UpdateReason", "adds the <council>'s reply")), tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);

        var stored = await ArticleAsync(article.Id);
        Assert.NotNull(stored.ShownUpdatedAt);
        Assert.Equal("adds the <council>'s reply", stored.UpdateReason);
        var editPage = Html.Parse(await editor.GetStringAsync($"/admin/articles/{article.Id}"));
        Assert.Contains("adds the <council>'s reply", editPage.QuerySelector(".shown-updated")?.TextContent);
        Assert.Null(editPage.QuerySelector("input[name=ShowUpdated][checked]"));
        var page = Html.Parse(await reader.GetStringAsync(article.UrlOf()));
        Assert.Contains("London time — adds the <council>'s reply", page.QuerySelector(".byline .updated")?.TextContent);

        // A later save without the box ticked leaves the readers' Updated line as it was.
        var again = await editor.PostFormAsync("/admin/articles/publish", ArticleFields.For(article.Id, stored.Version, article.Title + " (typo fixed)", article.SectionId), tokenFrom: $"/admin/articles/{article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(stored.ShownUpdatedAt, (await ArticleAsync(article.Id)).ShownUpdatedAt);
    }
}
