using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>
/// A save evicts only the cached pages it affects (Infrastructure/Caching/EvictionMap; each kind's rule is unit tested
/// in EvictionMapTests). Here, through the real pipeline: a page answered from the cache carries an Age header.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SelectiveEvictionTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task ADraft_AndAnUpload_LeaveEveryPublicPageCached()
    {
        var story = await new ArticleBuilder().Tagged("Kept tag").SaveAsync(site);
        string[] pages = ["/", story.UrlOf(), $"/{story.Section.Slug}", "/tag/kept-tag", "/feed.xml", "/sitemap.xml"];
        await CacheAsync(pages);

        await new ArticleBuilder().InSection(story.Section.Slug).Tagged("Kept tag").Draft().SaveAsync(site);
        await site.WithDbAsync(db =>
        {
            db.Media.Add(new MediaItem { OriginalFileName = "upload.jpg", StoragePath = "2026/11/upload.jpg", ContentType = "image/jpeg", AltText = "An upload" });
            return db.SaveChangesAsync();
        });

        foreach (var page in pages)
        {
            Assert.True(await IsFromCacheAsync(page), $"{page} was evicted by a private change");
        }
    }

    [Fact]
    public async Task EditingAStory_ShowsOnItsPageAndItsLists_AtTheNextRequest_AndLeavesOtherStoriesCached()
    {
        var story = await new ArticleBuilder().Tagged("Edited tag").SaveAsync(site);
        var other = await new ArticleBuilder().SaveAsync(site);
        await CacheAsync("/", story.UrlOf(), $"/{story.Section.Slug}", "/tag/edited-tag", "/feed.xml", other.UrlOf(), $"/{other.Section.Slug}");

        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == story.Id);
            tracked.Title = "A headline fixed after publishing";
            await db.SaveChangesAsync();
        });

        foreach (var page in new[] { story.UrlOf(), "/", $"/{story.Section.Slug}", "/tag/edited-tag", "/feed.xml" })
        {
            Assert.Contains("A headline fixed after publishing", await client.GetStringAsync(page));
        }
        Assert.True(await IsFromCacheAsync(other.UrlOf()));
        Assert.True(await IsFromCacheAsync($"/{other.Section.Slug}"));
    }

    [Fact]
    public async Task PublishingAStory_PutsItOnTheFrontPage_AtTheNextRequest()
    {
        await CacheAsync("/");
        var story = await new ArticleBuilder().Titled("Published a moment ago").SaveAsync(site);
        Assert.Contains(story.Title, await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task RenamingATag_ChangesItOnItsStoriesPages_AndLeavesOthersCached()
    {
        var tagged = await new ArticleBuilder().Tagged("Renamed tag").SaveAsync(site);
        var untagged = await new ArticleBuilder().SaveAsync(site);
        await CacheAsync(tagged.UrlOf(), untagged.UrlOf());

        await site.WithDbAsync(async db =>
        {
            (await db.Tags.SingleAsync(t => t.Slug == "renamed-tag")).Name = "Tag with a new name";
            await db.SaveChangesAsync();
        });

        Assert.Contains("Tag with a new name", await client.GetStringAsync(tagged.UrlOf()));
        Assert.True(await IsFromCacheAsync(untagged.UrlOf()));
    }

    [Fact]
    public async Task ChangingASection_EvictsEveryPage()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        await CacheAsync(story.UrlOf());

        await site.WithDbAsync(async db =>
        {
            (await db.Sections.SingleAsync(s => s.Slug == story.Section.Slug)).Name = "Renamed section";
            await db.SaveChangesAsync();
        });

        Assert.False(await IsFromCacheAsync(story.UrlOf()));
    }

    private async Task CacheAsync(params string[] pages)
    {
        foreach (var page in pages)
        {
            (await client.GetAsync(page)).EnsureSuccessStatusCode();
            Assert.True(await IsFromCacheAsync(page), $"{page} was not cached");
        }
    }

    private async Task<bool> IsFromCacheAsync(string page)
    {
        var response = await client.GetAsync(page);
        response.EnsureSuccessStatusCode();
        return response.Headers.Age is not null;
    }
}
