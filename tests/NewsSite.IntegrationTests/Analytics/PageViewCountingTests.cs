using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Analytics;

namespace NewsSite.IntegrationTests.Analytics;

/// <summary>The site with the flush left to the tests (an hour apart otherwise), so each test writes the counts when it wants them.</summary>
public class CountingSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Analytics:FlushSeconds"] = "3600",
        ["Admin:Email"] = NewsroomFactory.AdminEmail,
        ["Admin:Password"] = NewsroomFactory.AdminPassword,
    };
}

/// <summary>The same, for a site that does not honour Sec-GPC and DNT.</summary>
public sealed class PrivacySignalsIgnoredFactory : CountingSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Analytics:RespectPrivacySignals"] = "false",
    };
}

public static class Reading
{
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public static HttpRequestMessage Get(string url, params (string Name, string Value)[] headers) => Request(HttpMethod.Get, url, headers);

    public static HttpRequestMessage Request(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (!headers.Any(h => h.Name == "User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static async Task FlushAsync(NewsSiteFactory site) =>
        await site.Services.GetRequiredService<PageViewFlusher>().FlushAsync(CancellationToken.None);

    /// <summary>Views stored for one page, by source.</summary>
    public static Task<List<PageViewCount>> CountsAsync(NewsSiteFactory site, string path) =>
        site.WithDbAsync((db, _) => db.PageViewCounts.AsNoTracking().Where(c => c.Path == path).ToListAsync());
}

public sealed class PageViewCountingTests(CountingSiteFactory site) : IClassFixture<CountingSiteFactory>
{
    [Fact]
    public async Task ArticleViews_AreCounted_BuiltOrFromTheOutputCache_WithTheStory_AndTheMarkerNeverReachesTheReader()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var client = site.CreateBrowserlessClient();

        var first = await client.SendAsync(Reading.Get(story.UrlOf()));
        var second = await client.SendAsync(Reading.Get(story.UrlOf()));
        var third = await client.SendAsync(Reading.Get(story.UrlOf()));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        // The second and third were answered by the output cache (it sets Age), where no controller ran.
        Assert.Null(first.Headers.Age);
        Assert.NotNull(third.Headers.Age);
        foreach (var response in new[] { first, second, third })
        {
            Assert.False(response.Headers.Contains(PageViewCounting.ArticleHeader));
        }

        await Reading.FlushAsync(site);
        var counts = await Reading.CountsAsync(site, story.UrlOf());
        var row = Assert.Single(counts);
        Assert.Equal(3, row.Views);
        Assert.Equal(story.Id, row.ArticleId);
        Assert.Equal(ReferrerClass.Direct, row.Source);
        Assert.Equal(0, row.Hour.Minute + row.Hour.Second);

        // Flushing again adds to the same row rather than writing it over.
        await client.SendAsync(Reading.Get(story.UrlOf()));
        await Reading.FlushAsync(site);
        Assert.Equal(4, Assert.Single(await Reading.CountsAsync(site, story.UrlOf())).Views);

        // A reader coming back to the page their browser kept revalidates it: a 304, and still a view of the story.
        var revisit = await client.SendAsync(Reading.Get(story.UrlOf(), ("If-None-Match", third.Headers.ETag!.ToString())));
        Assert.Equal(HttpStatusCode.NotModified, revisit.StatusCode);
        Assert.False(revisit.Headers.Contains(PageViewCounting.ArticleHeader));
        await Reading.FlushAsync(site);
        var afterRevisit = Assert.Single(await Reading.CountsAsync(site, story.UrlOf()));
        Assert.Equal(5, afterRevisit.Views);
        Assert.Equal(story.Id, afterRevisit.ArticleId);
    }

    [Fact]
    public async Task Robots_Prefetches_Head_Errors_AndNewsroomFeedAndHealthRequests_AreNotCounted()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var url = story.UrlOf();
        var client = site.CreateBrowserlessClient();
        await client.SendAsync(Reading.Get(url)); // build and cache the page first: the rest are answered from the cache too

        var notCounted = new[]
        {
            Reading.Get(url, ("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")),
            Reading.Get(url, ("User-Agent", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")),
            Reading.Get(url, ("User-Agent", "curl/8.5.0")),
            Reading.Get(url, ("User-Agent", "")),
            Reading.Get(url, ("Sec-Purpose", "prefetch")),
            Reading.Get(url, ("Sec-Purpose", "prefetch;prerender")),
            Reading.Get(url, ("Purpose", "prefetch")),
            Reading.Get(url, ("X-Moz", "prefetch")),
            Reading.Request(HttpMethod.Head, url),
        };
        foreach (var request in notCounted)
        {
            var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{request.Headers}: {(int)response.StatusCode}");
        }
        var missing = $"/{story.Section.Slug}/no-such-story-{Guid.NewGuid():n}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Reading.Get(missing))).StatusCode);
        foreach (var other in new[] { "/admin/sign-in", "/feed.xml", "/sitemap.xml", "/healthz", "/css/site.css", "/robots.txt" })
        {
            await client.SendAsync(Reading.Get(other));
        }

        await Reading.FlushAsync(site);
        Assert.Equal(1, Assert.Single(await Reading.CountsAsync(site, url)).Views);
        var otherRows = await site.WithDbAsync((db, _) => db.PageViewCounts.AsNoTracking()
            .Where(c => c.Path == missing || c.Path.StartsWith("/admin") || c.Path.EndsWith(".xml") || c.Path.StartsWith("/healthz") || c.Path.StartsWith("/css") || c.Path == "/robots.txt")
            .ToListAsync());
        Assert.Empty(otherRows);
    }

    [Fact]
    public async Task ReadersSendingGpcOrDnt_AreNotCounted_WhenTheSiteRespectsThem()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var client = site.CreateBrowserlessClient();
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Sec-GPC", "1")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("DNT", "1")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("DNT", "0")));

        await Reading.FlushAsync(site);
        Assert.Equal(1, Assert.Single(await Reading.CountsAsync(site, story.UrlOf())).Views);
    }

    [Fact]
    public async Task Sources_AreClassedFromTheReferrer_AndNewsletterLinks_AreServedFromTheSameCachedPage()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var client = site.CreateBrowserlessClient();
        await client.SendAsync(Reading.Get(story.UrlOf()));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "https://www.google.co.uk/")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "https://www.bing.com/search?q=x")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "android-app://com.google.android.googlequicksearchbox/")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "https://t.co/abc")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", $"{NewsSiteFactory.BaseUrl}/")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "https://blog.example.org/post")));
        var fromNewsletter = await client.SendAsync(Reading.Get(story.UrlOf() + "?utm_source=newsletter&utm_medium=email&utm_campaign=morning"));
        // A newsletter's parameters neither bypass nor split the page cache: the cached copy answered.
        Assert.NotNull(fromNewsletter.Headers.Age);

        await Reading.FlushAsync(site);
        var bySource = (await Reading.CountsAsync(site, story.UrlOf())).ToDictionary(c => c.Source, c => c.Views);
        Assert.Equal(new Dictionary<ReferrerClass, long>
        {
            [ReferrerClass.Direct] = 1, [ReferrerClass.Search] = 2, [ReferrerClass.GoogleNews] = 1, [ReferrerClass.Social] = 1,
            [ReferrerClass.Internal] = 1, [ReferrerClass.OtherSite] = 1, [ReferrerClass.Newsletter] = 1,
        }, bySource);
    }

    [Fact]
    public async Task OtherReaderPages_AreCountedWithoutAStory()
    {
        var client = site.CreateBrowserlessClient();
        var story = await new ArticleBuilder().SaveAsync(site);
        await client.SendAsync(Reading.Get($"/{story.Section.Slug}"));
        await Reading.FlushAsync(site);
        var row = Assert.Single(await Reading.CountsAsync(site, $"/{story.Section.Slug}"));
        Assert.Null(row.ArticleId);
        Assert.True(row.Views >= 1);
    }
}

public sealed class PrivacySignalsIgnoredTests(PrivacySignalsIgnoredFactory site) : IClassFixture<PrivacySignalsIgnoredFactory>
{
    [Fact]
    public async Task ReadersSendingGpcOrDnt_AreCounted_WhenTheSiteIsSetNotToRespectThem()
    {
        var story = await new ArticleBuilder().SaveAsync(site);
        var client = site.CreateBrowserlessClient();
        await client.SendAsync(Reading.Get(story.UrlOf(), ("Sec-GPC", "1")));
        await client.SendAsync(Reading.Get(story.UrlOf(), ("DNT", "1")));

        await Reading.FlushAsync(site);
        Assert.Equal(2, Assert.Single(await Reading.CountsAsync(site, story.UrlOf())).Views);
    }
}

/// <summary>Two nodes behind a load balancer, one database: each counts its own readers and flushes; the totals add up.</summary>
public sealed class ClusterCountingTests
{
    [SkippableFact]
    public async Task TwoNodes_SharingOneDatabase_BothFlush_AndTheTotalsAddUp()
    {
        var settings = new Dictionary<string, string?> { ["Analytics:FlushSeconds"] = "3600" };
        await using var first = new NodeFactory(settings);
        var story = await new ArticleBuilder().SaveAsync(first);
        await using var second = new NodeFactory(settings, first.ConnectionString);
        var a = first.CreateBrowserlessClient();
        var b = second.CreateBrowserlessClient();

        var reads = new List<Task>();
        for (var i = 0; i < 7; i++)
        {
            reads.Add(a.SendAsync(Reading.Get(story.UrlOf())));
        }
        for (var i = 0; i < 5; i++)
        {
            reads.Add(b.SendAsync(Reading.Get(story.UrlOf(), ("Referer", "https://www.google.com/"))));
            reads.Add(b.SendAsync(Reading.Get(story.UrlOf())));
        }
        await Task.WhenAll(reads);
        // Both at once: the upserts meet on the same rows.
        await Task.WhenAll(Reading.FlushAsync(first), Reading.FlushAsync(second));

        var counts = (await Reading.CountsAsync(first, story.UrlOf())).ToDictionary(c => c.Source, c => c.Views);
        Assert.Equal(12, counts[ReferrerClass.Direct]);
        Assert.Equal(5, counts[ReferrerClass.Search]);
        Assert.Equal(2, counts.Count);
    }
}
