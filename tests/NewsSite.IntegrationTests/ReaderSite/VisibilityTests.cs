using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class VisibilityTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task DraftArticle_IsNotFound_AndListedNowhere()
    {
        var draft = await new ArticleBuilder().Draft().Tagged("Secret drafts").SaveAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{draft.Section.Slug}/{draft.Slug}")).StatusCode);
        Assert.DoesNotContain(draft.Slug, await client.GetStringAsync($"/{draft.Section.Slug}"));
        Assert.DoesNotContain(draft.Slug, await client.GetStringAsync("/feed.xml"));
        Assert.DoesNotContain(draft.Slug, await client.GetStringAsync("/sitemap-articles-1.xml"));
    }

    [Fact]
    public async Task TagOnlyDraftsCarry_HasNoPageFeedOrSitemapEntry_UntilAVisibleStoryCarriesIt()
    {
        var name = $"Embargoed merger {Guid.NewGuid():n}";
        var slug = $"embargoed-merger-{name[^32..]}";
        await new ArticleBuilder().Draft().Tagged(name).SaveAsync(site);
        await new ArticleBuilder().ScheduledFor(DateTime.UtcNow.AddDays(1)).Tagged(name).SaveAsync(site);

        foreach (var path in new[] { $"/tag/{slug}", $"/tag/{slug}/feed.xml", $"/tag/{slug}/atom.xml" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        Assert.DoesNotContain(slug, await client.GetStringAsync("/sitemap-pages.xml"));

        var published = await new ArticleBuilder().Tagged(name).SaveAsync(site);

        Assert.Contains(published.Slug, await client.GetStringAsync($"/tag/{slug}"));
        Assert.Contains(published.Slug, await client.GetStringAsync($"/tag/{slug}/feed.xml"));
        Assert.Contains(published.Slug, await client.GetStringAsync($"/tag/{slug}/atom.xml"));
        Assert.Contains(slug, await client.GetStringAsync("/sitemap-pages.xml"));
    }

    [Fact]
    public async Task ScheduledArticle_IsNotFoundBeforeItsTime()
    {
        var scheduled = await new ArticleBuilder().ScheduledFor(DateTime.UtcNow.AddDays(1)).SaveAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{scheduled.Section.Slug}/{scheduled.Slug}")).StatusCode);
        Assert.DoesNotContain(scheduled.Slug, await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task PublishedArticleDatedInTheFuture_IsNotFound()
    {
        var future = await new ArticleBuilder().PublishedAt(DateTime.UtcNow.AddHours(3)).SaveAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(future.UrlOf())).StatusCode);
    }

    [Theory]
    [InlineData("/city/no-such-story")]
    [InlineData("/no-such-section")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/author/no-such-author")]
    [InlineData("/no-such-section/feed.xml")]
    [InlineData("/tag/no-such-tag/atom.xml")]
    [InlineData("/sitemap-articles-999.xml")]
    [InlineData("/a/b/c/d")]
    public async Task UnknownAddress_AnswersFriendly404(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task OldSlug_RedirectsPermanentlyToTheCurrentAddress()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        var oldSlug = article.Slug;
        await site.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.SingleAsync(a => a.Id == article.Id);
            tracked.Slug = $"{oldSlug}-renamed";
            db.ArticleSlugHistory.Add(new ArticleSlugHistory { Slug = oldSlug, ArticleId = article.Id, RetiredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var response = await client.GetAsync($"/{article.Section.Slug}/{oldSlug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/{article.Section.Slug}/{oldSlug}-renamed", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task ArticleUnderTheWrongSection_RedirectsToItsCanonicalAddress()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var response = await client.GetAsync($"/sport/{article.Slug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(article.UrlOf(), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ServerError_ShowsFriendlyPage_WithoutStackTrace()
    {
        var response = await client.GetAsync("/test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("ThrowingController", html);
        Assert.DoesNotContain(" at ", Html.Parse(html).QuerySelector("main")?.TextContent);
    }
}
