using System.Net;
using System.Xml.Linq;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class FullTextFeedTests(NewsSiteFactory site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task FeedItems_CarryTheWholeStory_WithItsPictureAndAbsoluteAddresses()
    {
        var article = await new ArticleBuilder()
            .WithBody($"Opening paragraph {Guid.NewGuid():n}.\n\nSee [the archive](/archive) and [elsewhere](https://example.org/x).")
            .SaveAsync(site);

        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml"));
        var atom = XDocument.Parse(await client.GetStringAsync("/atom.xml"));

        var item = Assert.Single(rss.Descendants("item"), i => i.Element("link")?.Value == NewsSiteFactory.BaseUrl + article.UrlOf());
        var html = item.Element(Content + "encoded")?.Value ?? "";
        Assert.Contains(article.BodyText.Split('.')[0], html);
        Assert.Contains($"<img src=\"{NewsSiteFactory.BaseUrl}/images/sample/harbour.svg\" alt=\"A test picture\" width=\"1200\"", html);
        Assert.Contains($"href=\"{NewsSiteFactory.BaseUrl}/archive\"", html);
        Assert.Contains("href=\"https://example.org/x\"", html);
        Assert.Equal(NewsSiteFactory.BaseUrl + "/images/sample/harbour.svg", item.Element(Media + "content")?.Attribute("url")?.Value);
        Assert.Equal(article.Standfirst, item.Element("description")?.Value);

        var entry = Assert.Single(atom.Descendants(Atom + "entry"), e => e.Element(Atom + "link")?.Attribute("href")?.Value == NewsSiteFactory.BaseUrl + article.UrlOf());
        Assert.Equal("html", entry.Element(Atom + "content")?.Attribute("type")?.Value);
        Assert.Contains($"href=\"{NewsSiteFactory.BaseUrl}/archive\"", entry.Element(Atom + "content")?.Value);

    }

    [Fact]
    public async Task AFeedOpenedInABrowser_IsAPageAboutTheFeed_WhileReadersStillGetXml_FromOneCachedAddress()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var browser = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        browser.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var feedReader = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        feedReader.Headers.TryAddWithoutValidation("Accept", "application/rss+xml, application/xml;q=0.9, */*;q=0.8");

        var page = await client.SendAsync(browser);
        var xml = await client.SendAsync(feedReader);
        var again = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/feed.xml"));

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("This is a news feed.", html);
        Assert.Contains($"href=\"{article.UrlOf()}\"", html);
        Assert.Contains("noindex", html);
        Assert.Equal("application/rss+xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/rss+xml", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SearchSortedByDate_IsNotAnsweredFromTheCachedBestMatchPage()
    {
        var word = "sortcheck" + Guid.NewGuid().ToString("n")[..6].Replace('0', 'a').Replace('1', 'b').Replace('2', 'c').Replace('3', 'd').Replace('4', 'e').Replace('5', 'f').Replace('6', 'g').Replace('7', 'h').Replace('8', 'i').Replace('9', 'j');
        var headline = await new ArticleBuilder().Titled($"{word} in the headline {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddHours(-5)).SaveAsync(site);
        var newer = await new ArticleBuilder().WithBody($"A mention of {word} in passing.").PublishedAt(DateTime.UtcNow.AddHours(-1)).SaveAsync(site);

        var best = await client.GetDocumentAsync($"/search?q={word}");
        var newest = await client.GetDocumentAsync($"/search?q={word}&sort=date");

        Assert.Equal(headline.Title, best.QuerySelector(".search-results .card-title")?.TextContent.Trim());
        Assert.Equal(newer.Title, newest.QuerySelector(".search-results .card-title")?.TextContent.Trim());
        Assert.Equal("true", newest.QuerySelector(".search-sort a[href*='sort=date']")?.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task IndexablePages_AllowLargeImagePreviews_NoIndexPagesDoNot()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var page = await client.GetDocumentAsync(article.UrlOf());
        var search = await client.GetDocumentAsync("/search?q=harbour");

        Assert.Equal("max-image-preview:large", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal("noindex, follow", search.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }
}

public sealed class SummaryFeedSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Feeds:FullText"] = "false",
        ["Database:SeedSampleContent"] = "false",
    };
}

public sealed class SummaryFeedTests(SummaryFeedSiteFactory site) : IClassFixture<SummaryFeedSiteFactory>
{
    [Fact]
    public async Task WithFullTextOff_ItemsCarryTheStandfirstAndPictureOnly()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var rss = XDocument.Parse(await site.CreateBrowserlessClient().GetStringAsync("/feed.xml"));

        var item = Assert.Single(rss.Descendants("item"));
        Assert.Null(item.Element(XNamespace.Get("http://purl.org/rss/1.0/modules/content/") + "encoded"));
        Assert.Equal(article.Standfirst, item.Element("description")?.Value);
        Assert.NotNull(item.Element(XNamespace.Get("http://search.yahoo.com/mrss/") + "content"));
    }
}
