using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class CachingTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task PublicPages_AreServedFromTheOutputCache()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        await client.GetStringAsync(article.UrlOf());

        // ExecuteUpdate bypasses the change tracker, so nothing evicts: the cached page must still be served.
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Changed behind the cache's back")));

        var html = await client.GetStringAsync(article.UrlOf());
        Assert.Contains(article.Title, html);
        Assert.DoesNotContain("Changed behind the cache's back", html);
    }

    [Fact]
    public async Task OneNodesCachedPages_AreFilesInTheDataFolder_OneForEachPageTheIndexHolds_AfterAnEvictionToo()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var store = site.Services.GetRequiredService<FilePageStore>();
        var folder = Path.Combine(site.Services.GetRequiredService<DataPaths>().DataDirectory, "page-cache");
        string[] Files() => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".owner")).ToArray();

        async Task<HttpResponseMessage> Get()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
            request.Headers.AcceptEncoding.ParseAdd("br");
            return await client.SendAsync(request);
        }
        Assert.Null((await Get()).Headers.Age);
        Assert.NotNull((await Get()).Headers.Age);
        Assert.NotEmpty(Files());
        Assert.Equal(store.Count, Files().Length);

        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Title = "A headline that evicts the file";
            tracked.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        Assert.Equal(store.Count, Files().Length);
        Assert.Contains("A headline that evicts the file", await client.GetStringAsync(article.UrlOf()));
    }

    [Fact]
    public async Task ChangingAnArticle_EvictsItsCachedPages()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        Assert.Contains(article.Title, await client.GetStringAsync(article.UrlOf()));
        Assert.Contains(article.Title, await client.GetStringAsync($"/{article.Section.Slug}"));

        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Title = "A corrected headline";
            tracked.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });

        Assert.Contains("A corrected headline", await client.GetStringAsync(article.UrlOf()));
        Assert.Contains("A corrected headline", await client.GetStringAsync($"/{article.Section.Slug}"));
    }

    [Fact]
    public async Task AListsLength_IsCountedAgain_AfterAContentChange()
    {
        // Lists keep their length in memory between content changes (it drives the pager): a new story must
        // still lengthen its tag's list at once, so the second page appears.
        const string tag = "Counted tag";
        for (var i = 0; i < 12; i++)
        {
            await new ArticleBuilder().Tagged(tag).SaveAsync(site);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tag/counted-tag?page=2")).StatusCode);
        Assert.DoesNotContain("Page 1 of", await client.GetStringAsync("/tag/counted-tag"));

        await new ArticleBuilder().Tagged(tag).SaveAsync(site);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tag/counted-tag?page=2")).StatusCode);
        Assert.Contains("Page 1 of 2", await client.GetStringAsync("/tag/counted-tag"));
    }

    [Fact]
    public async Task ConditionalGet_WithMatchingETag_Answers304()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var first = await client.GetAsync(article.UrlOf());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Pages_AreCompressed_WhenTheClientAsks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        var response = await client.SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task CachedPages_AreKeptCompressed_OneCopyPerEncoding_AndEachReaderGetsOneTheyAccept()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        async Task<HttpResponseMessage> GetAsync(string? acceptEncoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }
            return await client.SendAsync(request);
        }

        await GetAsync("br");
        var brotli = await GetAsync("gzip, deflate, br, zstd");
        Assert.NotNull(brotli.Headers.Age);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);

        // Refusing Brotli (q=0) must not be answered from the Brotli copy.
        await GetAsync("gzip");
        var gzip = await GetAsync("br;q=0, gzip");
        Assert.NotNull(gzip.Headers.Age);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);

        await GetAsync(null);
        var plain = await GetAsync(null);
        Assert.NotNull(plain.Headers.Age);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains(article.Title, await plain.Content.ReadAsStringAsync());
        Assert.Equal(brotli.Headers.ETag, plain.Headers.ETag);
    }

    [Fact]
    public async Task StaticAssets_AreFingerprinted_AndCachedForAYear()
    {
        var document = await client.GetDocumentAsync("/");
        var stylesheet = document.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.Matches(@"^/css/site\.css\?v=[\w-]+$", stylesheet);

        var response = await client.GetAsync(stylesheet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
    }
}

public sealed class UncachedSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Caching:OutputCacheEnabled"] = "false",
        ["Database:SeedSampleContent"] = "false",
    };
}

public sealed class UncachedSiteTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task WithOutputCacheOff_PagesAreRenderedFresh_AndStillAnswer304()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var first = await client.GetAsync(article.UrlOf());
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Rendered on every request")));

        Assert.Contains("Rendered on every request", await client.GetStringAsync(article.UrlOf()));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(conditional)).StatusCode);

        var current = await client.GetAsync(article.UrlOf());
        using var matching = new HttpRequestMessage(HttpMethod.Get, article.UrlOf());
        matching.Headers.IfNoneMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(matching)).StatusCode);
    }

    [Fact]
    public async Task TheETag_IsTheHashOfEveryByteOfALongPage()
    {
        // The page is held in pooled blocks while it is hashed: a change anywhere in it, not only in its first block,
        // must give it a new ETag, or a reader's browser would keep the old page on a 304.
        var paragraphs = Enumerable.Range(1, 800).Select(i => $"Paragraph {i} of a long story about the harbour wall.");
        var article = await new ArticleBuilder().WithBody(string.Join("\n\n", paragraphs)).SaveAsync(site);

        var response = await client.GetAsync(article.UrlOf());
        var page = await response.Content.ReadAsByteArrayAsync();

        Assert.True(page.Length > 3 * 16 * 1024, $"the page is {page.Length} bytes, less than the test needs");
        Assert.Equal(new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(page).AsSpan(0, 12))}\"", isWeak: true), response.Headers.ETag);
    }

    [Fact]
    public async Task TheFrontPagesSectionLists_FollowAContentChange_AtTheNextRequest()
    {
        // The front page keeps its section lists' candidates as a memo (FrontPageReader): a story published in a
        // section must join its list at the next request, and one taken down must leave it, with no page to evict.
        var story = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddMinutes(-30)).SaveAsync(site);
        for (var i = 0; i < 5; i++)
        {
            // Newer and featured: they fill the top, so the stories below stay in their section's list.
            await new ArticleBuilder().Featured().PublishedAt(DateTime.UtcNow.AddMinutes(-10 + i)).SaveAsync(site);
        }
        Assert.Contains(story.Title, SectionList(await client.GetStringAsync("/"), story.Section.Slug));

        var added = await new ArticleBuilder().InSection(story.Section.Slug).PublishedAt(DateTime.UtcNow.AddMinutes(-20)).SaveAsync(site);
        var list = SectionList(await client.GetStringAsync("/"), story.Section.Slug);
        Assert.Contains(added.Title, list);
        Assert.Contains(story.Title, list);

        await site.WithDbAsync(async db =>
        {
            (await db.Articles.SingleAsync(a => a.Id == story.Id)).Status = ArticleStatus.Draft;
            await db.SaveChangesAsync();
        });
        var front = await client.GetStringAsync("/");
        Assert.DoesNotContain(story.Title, front);
        Assert.Contains(added.Title, SectionList(front, story.Section.Slug));
    }

    [Fact]
    public async Task AStorysCard_IsKeptBetweenRenders_ThroughPrivateChanges_UntilAPublicChange()
    {
        // Lists show their stories' cards from CardMemo, kept between requests: here a section page, with no page
        // cache to hide it. The same desk throughout, so no save but the last two adds a public author or section.
        var story = await new ArticleBuilder().InSection("cards").By("Card Desk").SaveAsync(site);
        var draft = await new ArticleBuilder().InSection("cards").By("Card Desk").Draft().SaveAsync(site);
        Assert.Contains(story.Title, await client.GetStringAsync("/cards"));

        // Changed behind the memo's back (ExecuteUpdate evicts nothing): the kept card is what the page shows...
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Retitled behind the memo")));
        Assert.Contains(story.Title, await client.GetStringAsync("/cards"));

        // ...and still after a private change: a draft's edit empties nothing...
        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == draft.Id);
            tracked.Title = "A draft's better headline";
            tracked.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        Assert.Contains(story.Title, await client.GetStringAsync("/cards"));
        Assert.InRange(site.Services.GetRequiredService<CardMemo>().Count, 1, CardMemo.Limit);

        // ...until a public change, any: then every list shows its stories as they are.
        await new ArticleBuilder().InSection("cards").By("Card Desk").SaveAsync(site);
        var section = await client.GetStringAsync("/cards");
        Assert.Contains("Retitled behind the memo", section);
        Assert.DoesNotContain(story.Title, section);

        // A story taken down leaves its lists at the next request.
        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == story.Id);
            tracked.Status = ArticleStatus.Draft;
            tracked.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("Retitled behind the memo", await client.GetStringAsync("/cards"));
        Assert.DoesNotContain("Retitled behind the memo", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task TheCardMemo_KeepsNoMoreThanItsLimit_AndStillGivesEveryCardAskedFor()
    {
        var ids = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await new ArticleBuilder().InSection("bounded").By("Bounded Desk").SaveAsync(site)).Id);
        }
        var draft = await new ArticleBuilder().InSection("bounded").By("Bounded Desk").Draft().SaveAsync(site);
        using var memo = new CardMemo(site.Services.GetRequiredService<ContentCache>(), limit: 3);

        for (var round = 0; round < 2; round++)
        {
            // The second round finds three kept and reads the rest again.
            var cards = await site.WithDbAsync((db, _) => memo.VisibleByIdAsync(db, [.. ids, draft.Id], DateTime.UtcNow, default));
            Assert.Equal(ids.Order(), cards.Keys.Order());
            Assert.InRange(memo.Count, 1, 3);
        }
    }

    private static string SectionList(string html, string sectionSlug) =>
        Html.Parse(html).QuerySelector($"#section-{sectionSlug}")?.ParentElement?.TextContent
            ?? throw new Xunit.Sdk.XunitException($"no list for the section {sectionSlug} on the front page");

    [Fact]
    public async Task EmptyDatabase_ShowsAFrontPageThatSaysSo()
    {
        // A site of its own: the shared one gains stories from the other tests in this class.
        await using var empty = new UncachedSiteFactory();
        var response = await empty.CreateBrowserlessClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var main = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main");
        Assert.NotNull(main);
        Assert.Equal("No stories have been published yet.", main.QuerySelector("p.empty")?.TextContent.Trim());
        Assert.Empty(main.QuerySelectorAll(".card-title a"));
    }
}
