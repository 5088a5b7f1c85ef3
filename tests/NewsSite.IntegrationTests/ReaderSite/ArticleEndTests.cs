using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>The end of an article: somewhere to go next, and a way to share it that runs nobody else's script.</summary>
[Collection(SiteCollection.Name)]
public sealed class ArticleEndTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task AStoryWithNoRelatedStories_OffersMoreFromItsSection_AndTheLatestStories()
    {
        var lonely = await new ArticleBuilder().InSection("science").Titled($"A story with no tags {Guid.NewGuid():n}").SaveAsync(site);

        var document = await client.GetDocumentAsync(lonely.UrlOf());

        Assert.Null(document.QuerySelector("#related-title"));
        Assert.Contains("More in Science", document.QuerySelector("#more-in-section-title")?.TextContent);
        // Science stories other than this one and the previous/next links below it.
        var shown = document.QuerySelectorAll("[aria-labelledby=more-in-section-title] .card-title a").Select(a => a.GetAttribute("href")!).ToList();
        var neighbours = document.QuerySelectorAll(".prev-next a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, href => Assert.StartsWith("/science/", href));
        Assert.DoesNotContain(lonely.UrlOf(), shown);
        Assert.Empty(shown.Intersect(neighbours));
        Assert.NotEmpty(document.QuerySelectorAll("[aria-labelledby=latest-title] a"));
    }

    [Fact]
    public async Task AStoryWithRelatedStories_ShowsThemInstead()
    {
        var tag = $"Harbour wall {Guid.NewGuid():n}";
        await new ArticleBuilder().Tagged(tag).SaveAsync(site);
        var story = await new ArticleBuilder().Tagged(tag).SaveAsync(site);

        var document = await client.GetDocumentAsync(story.UrlOf());

        Assert.NotNull(document.QuerySelector("#related-title"));
        Assert.Null(document.QuerySelector("#more-in-section-title"));
    }

    /// <summary>The story sharing most tags comes first, however old; among equals, the newest.</summary>
    [Fact]
    public async Task RelatedStories_ComeMostTagsInCommonFirst_ThenNewest()
    {
        var (first, second) = ($"Tide gauge {Guid.NewGuid():n}", $"Sea wall {Guid.NewGuid():n}");
        var now = DateTime.UtcNow;
        var both = await new ArticleBuilder().Titled($"Shares both {Guid.NewGuid():n}").Tagged(first, second).PublishedAt(now.AddDays(-3)).SaveAsync(site);
        var older = await new ArticleBuilder().Titled($"Shares one, older {Guid.NewGuid():n}").Tagged(first).PublishedAt(now.AddDays(-2)).SaveAsync(site);
        var newer = await new ArticleBuilder().Titled($"Shares one, newer {Guid.NewGuid():n}").Tagged(second).PublishedAt(now.AddHours(-2)).SaveAsync(site);
        var story = await new ArticleBuilder().Tagged(first, second).PublishedAt(now.AddMinutes(-1)).SaveAsync(site);

        var document = await client.GetDocumentAsync(story.UrlOf());

        var related = document.QuerySelectorAll("section.related .card-title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([both.Title, newer.Title, older.Title], related);
    }

    [Fact]
    public async Task ShareLinks_ArePlainLinksToTheCanonicalAddress_WithNoThirdPartyScript()
    {
        var story = await new ArticleBuilder().Titled($"Ferry fares frozen {Guid.NewGuid():n}").SaveAsync(site);

        var document = await client.GetDocumentAsync(story.UrlOf());

        var canonical = Uri.EscapeDataString(NewsSiteFactory.BaseUrl + story.UrlOf());
        var links = document.QuerySelectorAll(".share-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(6, links.Count);
        Assert.All(links, href => Assert.Contains(canonical, href));
        Assert.Contains(links, href => href.StartsWith("mailto:", StringComparison.Ordinal));
        Assert.Contains(links, href => href.StartsWith("https://bsky.app/", StringComparison.Ordinal));
        Assert.All(document.QuerySelectorAll(".share-links a[target=_blank]"), a => Assert.Contains("noopener", a.GetAttribute("rel")));
        Assert.All(document.QuerySelectorAll("script[src]"), s => Assert.StartsWith("/", s.GetAttribute("src")));
    }
}
