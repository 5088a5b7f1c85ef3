using System.Net;
using System.Xml.Linq;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class FeedsAndSitemapsTests(NewsSiteFactory site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private readonly HttpClient client = site.CreateBrowserlessClient();

    private async Task<XDocument> GetXmlAsync(string path, string expectedMediaType)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedMediaType, response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SiteRssFeed_ListsNewestPublishedStories_WithAbsoluteLinks()
    {
        var article = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddMinutes(-1)).SaveAsync(site);

        var rss = await GetXmlAsync("/feed.xml", "application/rss+xml");

        Assert.Equal("2.0", rss.Root?.Attribute("version")?.Value);
        var item = rss.Descendants("item").First();
        Assert.Equal(article.Title, item.Element("title")?.Value);
        Assert.Equal(NewsSiteFactory.BaseUrl + article.UrlOf(), item.Element("link")?.Value);
        Assert.Equal(article.Standfirst, item.Element("description")?.Value);
        Assert.NotNull(item.Element("pubDate"));
    }

    [Fact]
    public async Task SectionAndTagFeeds_InBothFormats_ListOnlyTheirStories()
    {
        var article = await new ArticleBuilder().Tagged("Feed test tag").SaveAsync(site);
        var other = await new ArticleBuilder().SaveAsync(site);
        var expected = NewsSiteFactory.BaseUrl + article.UrlOf();

        var sectionRss = await GetXmlAsync($"/{article.Section.Slug}/feed.xml", "application/rss+xml");
        var sectionAtom = await GetXmlAsync($"/{article.Section.Slug}/atom.xml", "application/atom+xml");
        var tagRss = await GetXmlAsync("/tag/feed-test-tag/feed.xml", "application/rss+xml");
        var tagAtom = await GetXmlAsync("/tag/feed-test-tag/atom.xml", "application/atom+xml");

        Assert.Equal([expected], sectionRss.Descendants("item").Select(i => i.Element("link")!.Value));
        Assert.Equal([expected], tagRss.Descendants("item").Select(i => i.Element("link")!.Value));
        Assert.Equal([expected], sectionAtom.Descendants(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value));
        Assert.Equal([expected], tagAtom.Descendants(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value));
        Assert.DoesNotContain(other.Slug, sectionRss.ToString());
    }

    [Fact]
    public async Task RssTitleAndDescription_ReachTheReaderAsHtmlEncodedText_AtomAsPlainText()
    {
        var title = $"Tom & Jerry <b>live</b> {Guid.NewGuid():n}";
        var article = await new ArticleBuilder().Titled(title).WithStandfirst("Cats < dogs & <script>alert(1)</script>").SaveAsync(site);

        var rssResponse = await client.GetStringAsync($"/{article.Section.Slug}/feed.xml");
        var item = XDocument.Parse(rssResponse).Descendants("item").Single();
        var atomEntry = (await GetXmlAsync($"/{article.Section.Slug}/atom.xml", "application/atom+xml")).Descendants(Atom + "entry").Single();

        // What a feed reader gets after XML parsing is HTML, which must say the headline as text.
        Assert.Equal(title.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"), item.Element("title")?.Value);
        Assert.Equal("Cats &lt; dogs &amp; &lt;script&gt;alert(1)&lt;/script&gt;", item.Element("description")?.Value);
        Assert.Contains("Tom &amp;amp; Jerry &amp;lt;b&amp;gt;live&amp;lt;/b&amp;gt;", rssResponse);
        Assert.DoesNotContain("<b>", rssResponse);
        var atomTitle = atomEntry.Element(Atom + "title")!;
        Assert.Equal("text", atomTitle.Attribute("type")?.Value ?? "text");
        Assert.Equal(title, atomTitle.Value);
    }

    [Fact]
    public async Task SitemapIndex_PointsAtFilesThatListEveryPublishedArticleWithLastmod()
    {
        var article = await new ArticleBuilder().Tagged("Sitemap tag").SaveAsync(site);

        var index = await GetXmlAsync("/sitemap.xml", "application/xml");
        var files = index.Descendants(Sitemap + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        Assert.Contains("/sitemap-pages.xml", files);
        Assert.Contains("/sitemap-articles-1.xml", files);

        var articles = await GetXmlAsync("/sitemap-articles-1.xml", "application/xml");
        var entry = Assert.Single(articles.Descendants(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value == NewsSiteFactory.BaseUrl + article.UrlOf());
        Assert.NotNull(entry.Element(Sitemap + "lastmod"));

        var pages = await GetXmlAsync("/sitemap-pages.xml", "application/xml");
        var locs = pages.Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.Contains(NewsSiteFactory.BaseUrl + "/", locs);
        Assert.Contains(NewsSiteFactory.BaseUrl + "/" + article.Section.Slug, locs);
        Assert.Contains(NewsSiteFactory.BaseUrl + "/tag/sitemap-tag", locs);
    }

    [Fact]
    public async Task NewsSitemap_ListsOnlyTheLastTwoDays()
    {
        var recent = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddHours(-2)).SaveAsync(site);
        var old = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddDays(-3)).SaveAsync(site);

        var news = await GetXmlAsync("/news-sitemap.xml", "application/xml");

        var locs = news.Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.Contains(NewsSiteFactory.BaseUrl + recent.UrlOf(), locs);
        Assert.DoesNotContain(NewsSiteFactory.BaseUrl + old.UrlOf(), locs);
        var entry = news.Descendants(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value == NewsSiteFactory.BaseUrl + recent.UrlOf());
        Assert.Equal(recent.Title, entry.Descendants(News + "title").Single().Value);
        Assert.Equal("The Harbourton Herald", entry.Descendants(News + "name").Single().Value);
    }

    [Fact]
    public async Task RobotsTxt_PointsAtBothSitemaps()
    {
        var robots = await client.GetStringAsync("/robots.txt");

        Assert.Contains($"Sitemap: {NewsSiteFactory.BaseUrl}/sitemap.xml", robots);
        Assert.Contains($"Sitemap: {NewsSiteFactory.BaseUrl}/news-sitemap.xml", robots);
        Assert.Contains("Disallow: /admin", robots);
    }
}
