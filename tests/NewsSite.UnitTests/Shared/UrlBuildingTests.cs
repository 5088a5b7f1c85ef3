using System.Text.RegularExpressions;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Shared;

namespace NewsSite.UnitTests.Shared;

public sealed partial class UrlBuildingTests
{
    [Theory]
    [InlineData("/", "/feed.xml", "/atom.xml")]
    [InlineData("/harbour", "/harbour/feed.xml", "/harbour/atom.xml")]
    [InlineData("/tag/ferries", "/tag/ferries/feed.xml", "/tag/ferries/atom.xml")]
    public void Feeds_SitBesideTheirList(string list, string rss, string atom)
    {
        Assert.Equal(rss, SiteUrls.RssFeed(list));
        Assert.Equal(atom, SiteUrls.AtomFeed(list));
    }

    [Fact]
    public void SiteFeeds_AreAtTheRoot()
    {
        Assert.Equal("/feed.xml", SiteUrls.RssFeed());
        Assert.Equal("/atom.xml", SiteUrls.AtomFeed());
    }

    [Fact]
    public void ArchiveMonths_HaveTwoDigits()
    {
        Assert.Equal("/archive/2024", SiteUrls.ArchiveOf(2024));
        Assert.Equal("/archive/2024/03", SiteUrls.ArchiveOf(2024, 3));
        Assert.Equal("/archive/2024/11", SiteUrls.ArchiveOf(2024, 11));
    }

    [Fact]
    public void PublicAddresses_FollowTheSiteScheme()
    {
        Assert.Equal("/harbour/new-ferry", SiteUrls.Article("harbour", "new-ferry"));
        Assert.Equal("/harbour", SiteUrls.Section("harbour"));
        Assert.Equal("/tag/ferries", SiteUrls.Tag("ferries"));
        Assert.Equal("/author/ann-lee", SiteUrls.Author("ann-lee"));
        Assert.Equal("/sitemap-articles-2.xml", SiteUrls.SitemapOfArticles(2));
    }

    [Fact]
    public void NewsroomAddresses_FollowTheAdminScheme()
    {
        Assert.Equal("/admin/articles/7", AdminUrls.Article(7));
        Assert.Equal("/admin/articles/7/revisions/3/restore", AdminUrls.RestoreRevision(7, 3));
        Assert.Equal("/admin/newsletters/4/preview.html", AdminUrls.NewsletterAction(4, "preview.html"));
        Assert.Equal("/admin/newsletters/from-article/9", AdminUrls.NewsletterFromArticle(9));
        Assert.Equal("/admin/users/a%2Fb/role", AdminUrls.UserAction("a/b", "role"));
    }

    /// <summary>
    /// Addresses are built by SiteUrls and AdminUrls only: a slug glued to a path anywhere else in the features
    /// (readers, feeds, sitemaps, views) is a second copy of the address scheme that a change would miss.
    /// Route templates on controller attributes are routes, not links, and are allowed.
    /// </summary>
    [Fact]
    public void FeatureCode_BuildsNoAddressOutsideTheUrlClasses()
    {
        var features = Path.Combine(Repository.Root(), "src", "NewsSite.Web", "Features");
        var offences = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) is not ("SiteUrls.cs" or "AdminUrls.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(features, f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("[Http", StringComparison.Ordinal) && !l.Text.Contains("Route(", StringComparison.Ordinal))
            .Where(l => AddressBuilding().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(offences.Count == 0, "Build these addresses with SiteUrls or AdminUrls:\n" + string.Join('\n', offences));
    }

    // "/" + slug, $"/{slug}", "/tag/" + slug, $"/admin/x/{id}", href="/admin/x/@id", href="/tag/@slug", FeedPath + "/feed.xml".
    [GeneratedRegex("""("/" \+)|(\$"/\{)|("/(tag|author|archive)/)|(\$"/admin/[^"]*\{)|(="/admin/[^"]*@)|(="/(tag|author|archive)/@)|(\)/(feed|atom)\.xml)|(\+ "/(feed|atom)\.xml)""")]
    private static partial Regex AddressBuilding();
}
