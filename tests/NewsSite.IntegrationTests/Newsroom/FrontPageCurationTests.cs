using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.SampleContent;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>A site of its own: pins change the one front page, which the shared sites' other tests read.</summary>
public sealed class FrontPageCurationTests(NewsroomFactory site) : IClassFixture<NewsroomFactory>
{
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    [Fact]
    public async Task SamplePaper_LeadsWithTheStoryItsEditorPinned()
    {
        // A paper of its own: this class's other tests change the lead.
        await using var fresh = new NewsroomFactory();
        var front = await fresh.CreateBrowserlessClient().GetDocumentAsync("/");

        Assert.Equal(SampleArticles.PinnedLead, front.QuerySelector(".lead .card-title")?.TextContent.Trim());
    }

    [Fact]
    public async Task PinningALead_ChangesTheCachedFrontPageAtOnce_AndTheOldLeadBecomesTheFirstTopStory()
    {
        var oldLead = await LeadAsync();
        var story = await new ArticleBuilder().Titled($"Pinned lead {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-20)).SaveAsync(site);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var response = await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(story), ["Slot"] = "Lead" }, tokenFrom: "/admin/front-page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var front = await reader.GetDocumentAsync("/");
        Assert.Equal(story.Title, front.QuerySelector(".lead .card-title")?.TextContent.Trim());
        Assert.Equal(oldLead, front.QuerySelector(".top-list .card-title")?.TextContent.Trim());
        var audit = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "front-page-pinned" && e.Target == story.Title).SingleAsync());
        Assert.Equal("lead", audit.Details);
        var desk = await editor.Http.GetStringAsync("/admin/front-page");
        Assert.Contains(WebUtility.HtmlEncode(story.Title), desk);
    }

    [Fact]
    public async Task TopStories_FollowThePinnedOrder_AndMovingOneUpReordersTheFrontPage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var first = await new ArticleBuilder().Titled($"First top {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-30)).SaveAsync(site);
        var second = await new ArticleBuilder().Titled($"Second top {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-31)).SaveAsync(site);
        await site.WithDbAsync(db => db.FrontPagePins.Where(p => p.Slot == FrontPageSlot.Top).ExecuteDeleteAsync());
        await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(first), ["Slot"] = "Top" }, tokenFrom: "/admin/front-page");
        await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(second), ["Slot"] = "Top" }, tokenFrom: "/admin/front-page");

        Assert.Equal([first.Title, second.Title], (await TopStoriesAsync()).Take(2));

        var secondPin = await site.WithDbAsync((db, _) => db.FrontPagePins.Where(p => p.ArticleId == second.Id).Select(p => p.Id).SingleAsync());
        await editor.PostFormAsync($"/admin/front-page/{secondPin}/move", new() { ["direction"] = "-1" }, tokenFrom: "/admin/front-page");

        Assert.Equal([second.Title, first.Title], (await TopStoriesAsync()).Take(2));
    }

    [Fact]
    public async Task APinWithAnEnd_LeavesTheCachedFrontPageWhenItsTimeIsUp()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().Titled($"Briefly leading {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-40)).SaveAsync(site);
        var until = DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(story), ["Slot"] = "Lead", ["ExpiresAt"] = until }, tokenFrom: "/admin/front-page");
        Assert.Equal(story.Title, await LeadAsync());

        // Time passes without a save (no eviction): only the scheduler's expiry can change the cached page.
        await site.WithDbAsync(db => db.FrontPagePins.Where(p => p.ArticleId == story.Id)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        await Poll.UntilAsync(async () => await LeadAsync() != story.Title ? "gone" : null, TimeSpan.FromSeconds(20), "the expired lead to leave the front page");
        Assert.False(await site.WithDbAsync((db, _) => db.FrontPagePins.AnyAsync(p => p.ArticleId == story.Id)));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == "front-page-unpinned" && e.Target == story.Title && e.UserName == "scheduler")));
    }

    [Fact]
    public async Task Unpinning_ReturnsThePlaceToTheNewestStories()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().Titled($"Unpinned {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddDays(-50)).SaveAsync(site);
        await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(story), ["Slot"] = "Top" }, tokenFrom: "/admin/front-page");
        Assert.Contains(story.Title, await TopStoriesAsync());
        var pin = await site.WithDbAsync((db, _) => db.FrontPagePins.Where(p => p.ArticleId == story.Id).Select(p => p.Id).SingleAsync());

        var response = await editor.PostFormAsync($"/admin/front-page/{pin}/unpin", new(), tokenFrom: "/admin/front-page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(story.Title, await TopStoriesAsync());
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == "front-page-unpinned" && e.Target == story.Title)));
    }

    [Fact]
    public async Task PinningADraft_OrEndingInThePast_GetsAMessage_AndPinsNothing()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var story = await new ArticleBuilder().SaveAsync(site);
        var past = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var draftResponse = await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(draft), ["Slot"] = "Lead" }, tokenFrom: "/admin/front-page");
        var pastResponse = await editor.PostFormAsync("/admin/front-page/pin", new() { ["ArticleId"] = Id(story), ["Slot"] = "Lead", ["ExpiresAt"] = past }, tokenFrom: "/admin/front-page");

        Assert.Equal(HttpStatusCode.BadRequest, draftResponse.StatusCode);
        Assert.Contains("Only a published story can go on the front page.", await draftResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, pastResponse.StatusCode);
        Assert.Contains("choose a later time", await pastResponse.Content.ReadAsStringAsync());
        Assert.False(await site.WithDbAsync((db, _) => db.FrontPagePins.AnyAsync(p => p.ArticleId == draft.Id || p.ArticleId == story.Id)));
    }

    [Fact]
    public async Task TheFrontPage_NeverShowsAStoryTwice()
    {
        for (var i = 0; i < 12; i++)
        {
            await new ArticleBuilder().Titled($"Filler {i} {Guid.NewGuid():n}").InSection(i % 2 == 0 ? "city" : "sport").SaveAsync(site);
        }

        var front = await reader.GetDocumentAsync("/");

        var links = front.QuerySelectorAll("main .card-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.Count > 10, $"only {links.Count} cards on the front page");
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.NotEmpty(front.QuerySelectorAll("#more-news ~ .card-list .card"));
    }

    private static string Id(Article article) => article.Id.ToString(CultureInfo.InvariantCulture);

    private async Task<string?> LeadAsync() => (await reader.GetDocumentAsync("/")).QuerySelector(".lead .card-title")?.TextContent.Trim();

    private async Task<List<string>> TopStoriesAsync() =>
        (await reader.GetDocumentAsync("/")).QuerySelectorAll(".top-list .card-title").Select(t => t.TextContent.Trim()).ToList();
}
