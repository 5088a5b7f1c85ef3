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

        var rssText = await client.GetStringAsync("/feed.xml");
        var rss = XDocument.Parse(rssText);
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

        // Opened in a browser, the feed is styled by a stylesheet the site serves.
        Assert.Contains("<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>", rssText);
        var stylesheet = await client.GetAsync("/feed.xsl");
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Contains("This is a news feed.", await stylesheet.Content.ReadAsStringAsync());
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
