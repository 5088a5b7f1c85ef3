using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Analytics;

/// <summary>Pages built afresh each time, and the ranking re-read after well under a second, so a test sees a change at once.</summary>
public sealed class MostReadFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Caching:OutputCacheEnabled"] = "false",
        ["Analytics:MostReadMinutes"] = "0.01",
        ["Analytics:FlushSeconds"] = "3600",
    };
}

public sealed class MostReadTests(MostReadFactory site) : IClassFixture<MostReadFactory>
{
    [Fact]
    public async Task MostRead_IsHiddenWithoutCounts_ThenListsTheDaysMostReadVisibleStories_InOrder_OnTheFrontPageAndArticles()
    {
        var client = site.CreateBrowserlessClient();
        var story = await new ArticleBuilder().SaveAsync(site);
        // This site's own fixture: nothing has been counted yet.
        Assert.Null(Html.Parse(await client.GetStringAsync("/")).QuerySelector(".most-read"));
        Assert.Null(Html.Parse(await client.GetStringAsync(story.UrlOf())).QuerySelector(".most-read"));

        var stories = new List<Article>();
        for (var i = 0; i < 7; i++)
        {
            stories.Add(await new ArticleBuilder().Titled($"Most read candidate {i} {Guid.NewGuid():n}").SaveAsync(site));
        }
        var unpublished = await new ArticleBuilder().Titled($"Taken down {Guid.NewGuid():n}").Draft().SaveAsync(site);
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        await site.WithDbAsync(async db =>
        {
            void Views(Article article, DateTime at, ReferrerClass source, long views) =>
                db.PageViewCounts.Add(new PageViewCount { Hour = at, Path = article.UrlOf(), ArticleId = article.Id, Source = source, Views = views });
            // Summed over sources and hours of the last day: 0 leads with 900, then 4 (800), 2 (700), 6 (600), 1 (500), and 3 (400) is sixth.
            Views(stories[0], hour, ReferrerClass.Direct, 500);
            Views(stories[0], hour.AddHours(-5), ReferrerClass.Search, 400);
            Views(stories[4], hour, ReferrerClass.Social, 800);
            Views(stories[2], hour.AddHours(-23), ReferrerClass.Direct, 700);
            Views(stories[6], hour.AddHours(-1), ReferrerClass.Newsletter, 600);
            Views(stories[1], hour, ReferrerClass.Direct, 500);
            Views(stories[3], hour, ReferrerClass.Direct, 400);
            // Read most, but two days ago; and a story readers can no longer see.
            Views(stories[5], hour.AddHours(-48), ReferrerClass.Direct, 5000);
            Views(unpublished, hour, ReferrerClass.Direct, 9000);
            await db.SaveChangesAsync();
        });
        var expected = new[] { stories[0], stories[4], stories[2], stories[6], stories[1] }.Select(s => s.Title).ToList();

        foreach (var page in new[] { "/", story.UrlOf() })
        {
            var block = await Poll.UntilAsync(async () =>
                Html.Parse(await client.GetStringAsync(page)).QuerySelector("section.most-read") is { } found && found.QuerySelectorAll("ol li").Length > 0 ? found : null,
                TimeSpan.FromSeconds(10), $"the most-read block on {page}");
            Assert.Equal("Most read in the last 24 hours", block.QuerySelector("h2")!.TextContent);
            Assert.Equal(block.QuerySelector("h2")!.Id, block.GetAttribute("aria-labelledby"));
            var items = block.QuerySelectorAll("ol li a").ToList();
            Assert.Equal(expected, items.Select(a => a.TextContent).ToList());
            Assert.Equal(stories[0].UrlOf(), items[0].GetAttribute("href"));
        }
    }
}

/// <summary>Pages built afresh each time, and the list kept for an hour: only a content change may refresh it.</summary>
public sealed class KeptMostReadFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Caching:OutputCacheEnabled"] = "false",
        ["Analytics:MostReadMinutes"] = "60",
        ["Analytics:FlushSeconds"] = "3600",
    };
}

public sealed class KeptMostReadTests(KeptMostReadFactory site) : IClassFixture<KeptMostReadFactory>
{
    [Fact]
    public async Task MostRead_IsKeptBetweenPages_ButAStoryRetitledOrTakenDown_ShowsSoAtTheNextPage()
    {
        var client = site.CreateBrowserlessClient();
        var first = await new ArticleBuilder().Titled($"Kept first {Guid.NewGuid():n}").SaveAsync(site);
        var second = await new ArticleBuilder().Titled($"Kept second {Guid.NewGuid():n}").SaveAsync(site);
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        await site.WithDbAsync(async db =>
        {
            db.PageViewCounts.Add(new PageViewCount { Hour = hour, Path = first.UrlOf(), ArticleId = first.Id, Source = ReferrerClass.Direct, Views = 900 });
            db.PageViewCounts.Add(new PageViewCount { Hour = hour, Path = second.UrlOf(), ArticleId = second.Id, Source = ReferrerClass.Direct, Views = 800 });
            await db.SaveChangesAsync();
        });
        async Task<List<string>> ShownAsync() =>
            Html.Parse(await client.GetStringAsync("/")).QuerySelectorAll("section.most-read ol li a").Select(a => a.TextContent).ToList();
        Assert.Equal([first.Title, second.Title], await ShownAsync());

        // New counts are not read again within the hour (nor the cards): the page shows what it showed.
        await site.WithDbAsync(async db =>
        {
            db.PageViewCounts.Add(new PageViewCount { Hour = hour, Path = second.UrlOf(), ArticleId = second.Id, Source = ReferrerClass.Search, Views = 5000 });
            await db.SaveChangesAsync();
        });
        Assert.Equal([first.Title, second.Title], await ShownAsync());

        // A public change empties the kept list: a new headline shows at once, and a story taken down leaves.
        var retitled = $"Kept first, retitled {Guid.NewGuid():n}";
        await site.WithDbAsync(async db =>
        {
            (await db.Articles.FindAsync(first.Id))!.Title = retitled;
            await db.SaveChangesAsync();
        });
        Assert.Equal([retitled, second.Title], await ShownAsync());
        await site.WithDbAsync(async db =>
        {
            (await db.Articles.FindAsync(second.Id))!.Status = ArticleStatus.Draft;
            await db.SaveChangesAsync();
        });
        Assert.Equal([retitled], await ShownAsync());
    }
}
