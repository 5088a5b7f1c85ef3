using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class PagesTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task FrontPage_ShowsSampleContent_WithLeadStoryAndSections()
    {
        var document = await client.GetDocumentAsync("/");

        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.NotNull(document.QuerySelector(".lead .card-title a"));
        var sectionTitles = document.QuerySelectorAll(".section-block .section-title").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("City", sectionTitles);
        Assert.Contains("Sport", sectionTitles);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#main", document.QuerySelector("a.skip-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task ArticlePage_ShowsHeadlineBylineDatesFigureBodyTagsAndNewsletterBox()
    {
        var article = await new ArticleBuilder().Tagged("Testing tag").By("Jo Reporter").SaveAsync(site);

        var document = await client.GetDocumentAsync(article.UrlOf());

        Assert.Equal(article.Title, document.QuerySelector("h1")?.TextContent);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Equal(article.Standfirst, document.QuerySelector(".standfirst")?.TextContent);
        Assert.Equal("/author/jo-reporter", document.QuerySelector(".byline a[rel=author]")?.GetAttribute("href"));
        Assert.Equal(article.PublishedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), document.QuerySelector(".byline time")?.GetAttribute("datetime"));
        Assert.Contains("A test caption", document.QuerySelector("figure.hero figcaption")?.TextContent);
        Assert.Equal("Test credit", document.QuerySelector("figure.hero .credit")?.TextContent);
        Assert.Equal("A test picture", document.QuerySelector("figure.hero img")?.GetAttribute("alt"));
        Assert.Contains("First paragraph of the story.", document.QuerySelector(".article-body")?.TextContent);
        Assert.Equal("/tag/testing-tag", document.QuerySelector(".tags a")?.GetAttribute("href"));
        Assert.Equal("/newsletter/signup", document.QuerySelector(".newsletter-box form")?.GetAttribute("action"));
        Assert.Equal("post", document.QuerySelector(".newsletter-box form")?.GetAttribute("method"));
    }

    [Fact]
    public async Task ArticlePage_HasAbsoluteCanonicalLink_AndNewsArticleJsonLd()
    {
        var article = await new ArticleBuilder().By("Sam Writer").SaveAsync(site);

        var document = await client.GetDocumentAsync(article.UrlOf());

        var canonical = NewsSiteFactory.BaseUrl + article.UrlOf();
        Assert.Equal(canonical, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(canonical, document.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
        Assert.Equal("article", document.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.Equal(NewsSiteFactory.BaseUrl + "/images/sample/harbour.svg", document.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal("summary_large_image", document.QuerySelector("meta[name='twitter:card']")?.GetAttribute("content"));
        Assert.Equal(article.Standfirst, document.QuerySelector("meta[name=description]")?.GetAttribute("content"));

        var jsonLd = document.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        var newsArticle = Assert.Single(jsonLd, j => j.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(article.Title, newsArticle.GetProperty("headline").GetString());
        Assert.Equal(canonical, newsArticle.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("Sam Writer", newsArticle.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal(article.PublishedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), newsArticle.GetProperty("datePublished").GetString());
        Assert.Equal("The Harbourton Herald", newsArticle.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal(NewsSiteFactory.BaseUrl + "/images/sample/harbour.svg", newsArticle.GetProperty("image")[0].GetString());

        var breadcrumbs = Assert.Single(jsonLd, j => j.GetProperty("@type").GetString() == "BreadcrumbList");
        Assert.Equal(3, breadcrumbs.GetProperty("itemListElement").GetArrayLength());
    }

    [Fact]
    public async Task ArticlePage_WithScriptInTitle_EncodesItEverywhere()
    {
        var article = await new ArticleBuilder().Titled("Breaking </script><script>alert(1)</script> news").SaveAsync(site);

        var html = await client.GetStringAsync(article.UrlOf());

        Assert.DoesNotContain("<script>alert(1)", html);
        var document = Html.Parse(html);
        Assert.Equal(article.Title, document.QuerySelector("h1")?.TextContent);
        Assert.All(document.QuerySelectorAll("script[type='application/ld+json']"), s => JsonDocument.Parse(s.TextContent));
    }

    [Fact]
    public async Task SectionTagAndAuthorPages_ListTheirStories()
    {
        var article = await new ArticleBuilder().Tagged("Lighthouses").By("Morgan Lee").SaveAsync(site);

        var section = await client.GetDocumentAsync($"/{article.Section.Slug}");
        var tag = await client.GetDocumentAsync("/tag/lighthouses");
        var author = await client.GetDocumentAsync("/author/morgan-lee");

        foreach (var document in new[] { section, tag, author })
        {
            Assert.Contains(document.QuerySelectorAll(".card-title a"), a => a.GetAttribute("href") == article.UrlOf());
            Assert.Single(document.QuerySelectorAll("h1"));
        }
        Assert.Equal("Lighthouses", tag.QuerySelector("h1")?.TextContent);
        Assert.Equal("Morgan Lee", author.QuerySelector("h1")?.TextContent);
        Assert.Contains("Morgan Lee writes tests.", author.QuerySelector(".author-profile")?.TextContent);
    }

    [Fact]
    public async Task ListingPages_ArePaginated_WithRelPrevAndNext()
    {
        var builder = new ArticleBuilder();
        var first = await builder.SaveAsync(site);
        for (var i = 0; i < 13; i++)
        {
            await new ArticleBuilder().InSection(first.Section.Slug).PublishedAt(DateTime.UtcNow.AddHours(-2 - i)).SaveAsync(site);
        }
        var path = $"/{first.Section.Slug}";

        var page1 = await client.GetDocumentAsync(path);
        var page2 = await client.GetDocumentAsync($"{path}?page=2");

        Assert.Equal(12, page1.QuerySelectorAll(".card").Length);
        Assert.Equal(2, page2.QuerySelectorAll(".card").Length);
        Assert.Equal($"{NewsSiteFactory.BaseUrl}{path}?page=2", page1.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        Assert.Null(page1.QuerySelector("link[rel=prev]"));
        Assert.Equal($"{NewsSiteFactory.BaseUrl}{path}", page2.QuerySelector("link[rel=prev]")?.GetAttribute("href"));
        Assert.Equal($"{NewsSiteFactory.BaseUrl}{path}?page=2", page2.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{path}?page=3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{path}?page=0")).StatusCode);
        // The largest page a visitor can ask for: past the end like any other, not a wrapped, negative skip.
        foreach (var huge in new[] { $"{path}?page={int.MaxValue}", $"/corrections?page={int.MaxValue}", $"/search?q=story&page={int.MaxValue}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(huge)).StatusCode);
        }
    }

    [Fact]
    public async Task DateArchive_ListsStoriesOfThatMonth()
    {
        var article = await new ArticleBuilder().PublishedAt(new DateTime(2019, 3, 14, 9, 0, 0, DateTimeKind.Utc)).SaveAsync(site);

        var month = await client.GetDocumentAsync("/archive/2019/03");
        var year = await client.GetDocumentAsync("/archive/2019");
        var index = await client.GetDocumentAsync("/archive");

        Assert.Equal("Archive: March 2019", month.QuerySelector("h1")?.TextContent);
        Assert.Contains(month.QuerySelectorAll(".card-title a"), a => a.GetAttribute("href") == article.UrlOf());
        Assert.Contains(year.QuerySelectorAll(".card-title a"), a => a.GetAttribute("href") == article.UrlOf());
        Assert.Contains(index.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/archive/2019/03");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/archive/2019/13")).StatusCode);
    }

    [Fact]
    public async Task Search_FindsArticle_AndHighlightsTheMatch()
    {
        var article = await new ArticleBuilder().WithBody("The quokka population on the headland doubled this year.").SaveAsync(site);

        var document = await client.GetDocumentAsync("/search?q=quokka");

        var hit = Assert.Single(document.QuerySelectorAll(".search-results li"));
        Assert.Equal(article.UrlOf(), hit.QuerySelector(".card-title a")?.GetAttribute("href"));
        Assert.Equal("quokka", hit.QuerySelector(".snippet mark")?.TextContent);
        Assert.Equal("noindex, follow", document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    /// <summary>
    /// Whether a hit is out (published, and not for later) is read from an index of its own on SQLite
    /// (IX_Articles_Visibility): a draft, a story scheduled for tomorrow and one marked published with a time still to
    /// come, all with the same word, are not found, nor counted.
    /// </summary>
    [Fact]
    public async Task Search_FindsOnlyStoriesThatAreOut()
    {
        var word = "numbat" + Guid.NewGuid().ToString("n")[..8];
        var published = await new ArticleBuilder().WithBody($"A {word} was seen near the quay.").SaveAsync(site);
        await new ArticleBuilder().WithBody($"A {word} draft.").Draft().SaveAsync(site);
        await new ArticleBuilder().WithBody($"A {word} for tomorrow.").ScheduledFor(DateTime.UtcNow.AddDays(1)).SaveAsync(site);
        await new ArticleBuilder().WithBody($"A {word} still to come.").PublishedAt(DateTime.UtcNow.AddHours(2)).SaveAsync(site);

        var document = await client.GetDocumentAsync($"/search?q={word}");

        var hit = Assert.Single(document.QuerySelectorAll(".search-results li"));
        Assert.Equal(published.UrlOf(), hit.QuerySelector(".card-title a")?.GetAttribute("href"));
        Assert.StartsWith("1 story found", document.QuerySelector(".result-count")?.TextContent.Trim());
    }

    [Fact]
    public async Task Search_RanksTitleMatchesFirst_AndPages()
    {
        var inBody = await new ArticleBuilder().WithBody("Wombat sightings are rare here.").PublishedAt(DateTime.UtcNow.AddMinutes(-5)).SaveAsync(site);
        var inTitle = await new ArticleBuilder().Titled($"Wombat returns to the park {Guid.NewGuid():n}").PublishedAt(DateTime.UtcNow.AddHours(-5)).SaveAsync(site);

        var document = await client.GetDocumentAsync("/search?q=wombat");

        var links = document.QuerySelectorAll(".search-results .card-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([inTitle.UrlOf(), inBody.UrlOf()], links);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("harbour AND")]
    [InlineData("OR OR NOT")]
    [InlineData("*")]
    [InlineData("harb*")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(harbour tunnel, 2)")]
    [InlineData("((harbour")]
    [InlineData("title:harbour")]
    [InlineData("^harbour")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("🦘📰🔥")]
    [InlineData("   ")]
    [InlineData("café naïve Zürich")]
    public async Task Search_WithHostileInput_AnswersNormalPage(string query)
    {
        var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Search", document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Search_WithTenKilobytesOfText_AnswersNormalPage()
    {
        var query = string.Concat(Enumerable.Repeat("harbour \"NEAR( ", 700));
        var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var badPage = await client.GetAsync("/search?q=harbour&page=abc");
        Assert.Equal(HttpStatusCode.OK, badPage.StatusCode);
    }

    [Fact]
    public async Task NewsletterPage_Answers()
    {
        var document = await client.GetDocumentAsync("/newsletter");
        Assert.Equal("Newsletter", document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeRead_ReadyFails_ButLiveStillAnswers()
    {
        await using var broken = new NewsSiteFactory();
        var http = broken.CreateBrowserlessClient();
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));

        await broken.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Sections" RENAME TO "SectionsMoved" """));

        var ready = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.StartsWith("Unhealthy\ndatabase: Unhealthy: The database cannot be read.", await ready.Content.ReadAsStringAsync());
        var live = await http.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HealthCheck_ReadsTheDatabase()
    {
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
