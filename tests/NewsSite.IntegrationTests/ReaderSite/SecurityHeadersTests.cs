using System.Net;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class SecurityHeadersTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task PublicPages_AllowOnlyTheSitesOwnScripts_WithNoNonceAndNoInlineScript()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        foreach (var url in new[] { "/", article.UrlOf(), "/search?q=harbour", "/newsletter" })
        {
            var response = await client.GetAsync(url);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

            Assert.Contains("script-src 'self';", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.DoesNotContain("nonce-", policy);
            Assert.Contains("object-src 'none'", policy);
            Assert.Contains("base-uri 'self'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("camera=()", string.Join("", response.Headers.GetValues("Permissions-Policy")));
        }
    }

    [Fact]
    public async Task PublicPages_SayTheyMayBeKeptButMustBeRevalidated()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        foreach (var url in new[] { "/", article.UrlOf(), "/feed.xml" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal("public, no-cache", response.Headers.CacheControl?.ToString());
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task ArticlePage_FramesItsAdsInASandbox_AndNeverCarriesTheAdCode()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var html = await client.GetStringAsync(article.UrlOf());
        var document = Html.Parse(html);

        Assert.DoesNotContain("house-ad", html);
        var frames = document.QuerySelectorAll("aside.ad iframe");
        Assert.Equal(2, frames.Length);
        foreach (var frame in frames)
        {
            var sandbox = frame.GetAttribute("sandbox")!.Split(' ');
            Assert.Contains("allow-scripts", sandbox);
            Assert.Contains("allow-popups", sandbox);
            Assert.DoesNotContain("allow-same-origin", sandbox);
            Assert.DoesNotContain("allow-top-navigation", sandbox);
            Assert.StartsWith("/ads/", frame.GetAttribute("src"));
            Assert.Equal("Advertisement", frame.GetAttribute("title"));
        }
    }

    [Fact]
    public async Task AdFrame_ServesTheCodeUnderASandboxPolicy_FramableOnlyByTheSite()
    {
        var response = await client.GetAsync($"/ads/{AdPlacements.ArticleInline}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("house-ad", body);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox allow-scripts allow-popups", policy);
        Assert.DoesNotContain("allow-same-origin", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.Equal("SAMEORIGIN", string.Join("", response.Headers.GetValues("X-Frame-Options")));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ads/nowhere")).StatusCode);
    }

    [Fact]
    public async Task AdFrame_Revalidated_KeepsItsOwnPolicy_SoTheNextArticleCanStillFrameIt()
    {
        var first = await client.GetAsync($"/ads/{AdPlacements.Sidebar}");
        var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/ads/{AdPlacements.Sidebar}");
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var notModified = await client.SendAsync(revalidate);

        // A browser merges a 304's headers into its stored copy: "frame-ancestors 'none'" here would block the frame.
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        var policy = string.Join(";", notModified.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox allow-scripts", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.Equal("SAMEORIGIN", string.Join("", notModified.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Https_GetsStrictTransportSecurity_PlainHttpDoesNot()
    {
        var https = site.CreateClient(new() { BaseAddress = new Uri("https://news.test"), AllowAutoRedirect = false });

        Assert.Contains("max-age=", string.Join("", (await https.GetAsync("/")).Headers.GetValues("Strict-Transport-Security")));
        Assert.False((await client.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/news-sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/search?q=harbour")]
    [InlineData("/archive")]
    [InlineData("/healthz")]
    [InlineData("/newsletter")]
    public async Task Head_AnswersLikeGet(string url)
    {
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_OnAnArticle_AnswersLikeGet()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, article.UrlOf()));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
    }
}
