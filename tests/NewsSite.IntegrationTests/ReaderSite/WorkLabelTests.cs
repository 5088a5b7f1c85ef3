using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class WorkLabelTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    private async Task<JsonElement> ArticleJsonLdAsync(string url)
    {
        var document = await client.GetDocumentAsync(url);
        return document.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(j => j.GetProperty("@type").GetString() != "BreadcrumbList");
    }

    [Theory]
    [InlineData(WorkType.News, "NewsArticle")]
    [InlineData(WorkType.Analysis, "AnalysisNewsArticle")]
    [InlineData(WorkType.Opinion, "OpinionNewsArticle")]
    [InlineData(WorkType.Review, "ReviewNewsArticle")]
    [InlineData(WorkType.Explainer, "BackgroundNewsArticle")]
    [InlineData(WorkType.Live, "LiveBlogPosting")]
    [InlineData(WorkType.Sponsored, "AdvertiserContentArticle")]
    public async Task ArticleJsonLd_TypeFollowsTheTypeOfWork(WorkType type, string schemaType)
    {
        var article = await new ArticleBuilder().With(a => { a.WorkType = type; a.SponsorName = type == WorkType.Sponsored ? "Acme Ferries" : null; }).SaveAsync(site);

        var jsonLd = await ArticleJsonLdAsync(article.UrlOf());

        Assert.Equal(schemaType, jsonLd.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task OpinionStory_IsLabelledOnItsCardAndPage_NewsIsNot()
    {
        var section = $"labels-{Guid.NewGuid():n}"[..20];
        var opinion = await new ArticleBuilder().InSection(section).With(a => a.WorkType = WorkType.Opinion).SaveAsync(site);
        var news = await new ArticleBuilder().InSection(section).PublishedAt(DateTime.UtcNow.AddHours(-2)).SaveAsync(site);

        var listing = await client.GetDocumentAsync($"/{section}");
        var cards = listing.QuerySelectorAll("article.card").ToList();
        var opinionCard = Assert.Single(cards, c => c.TextContent.Contains(opinion.Title));
        var newsCard = Assert.Single(cards, c => c.TextContent.Contains(news.Title));
        Assert.Equal("Opinion", opinionCard.QuerySelector(".work-label")?.TextContent);
        Assert.Null(newsCard.QuerySelector(".work-label"));

        var page = await client.GetDocumentAsync(opinion.UrlOf());
        Assert.Equal("Opinion", page.QuerySelector(".article-header .work-label")?.TextContent);
        Assert.Null((await client.GetDocumentAsync(news.UrlOf())).QuerySelector(".article-header .work-label"));
    }

    [Fact]
    public async Task SponsoredStory_SaysWhoPaid_OnItsCardPageAndJsonLd_AndWearsNoSectionKicker()
    {
        var section = $"paid-{Guid.NewGuid():n}"[..20];
        var article = await new ArticleBuilder().InSection(section).By("Jo Advertorial")
            .With(a => { a.WorkType = WorkType.Sponsored; a.SponsorName = "Acme <Ferries>"; }).SaveAsync(site);

        var card = (await client.GetDocumentAsync($"/{section}")).QuerySelector("article.card-sponsored");
        Assert.NotNull(card);
        Assert.Equal("Sponsored", card.QuerySelector(".kicker")?.TextContent.Trim());
        Assert.Equal("Paid for by Acme <Ferries>", card.QuerySelector(".paid-for")?.TextContent);

        var html = await client.GetStringAsync(article.UrlOf());
        Assert.DoesNotContain("<Ferries>", html);
        var page = Html.Parse(html);
        Assert.NotNull(page.QuerySelector("article.article-sponsored .sponsored-notice"));
        Assert.Contains("Paid for by Acme <Ferries>", page.QuerySelector(".byline")?.TextContent);
        var jsonLd = await ArticleJsonLdAsync(article.UrlOf());
        Assert.Equal("Acme <Ferries>", jsonLd.GetProperty("sponsor").GetProperty("name").GetString());
    }

    [Fact]
    public async Task FeedItem_CarriesTheLabel_InItsTitleAndCategories()
    {
        var article = await new ArticleBuilder().With(a => a.WorkType = WorkType.Analysis).SaveAsync(site);

        var item = XDocument.Parse(await client.GetStringAsync($"/{article.Section.Slug}/feed.xml")).Descendants("item").Single();

        Assert.Equal($"Analysis: {article.Title}", item.Element("title")?.Value);
        Assert.Contains("Analysis", item.Elements("category").Select(c => c.Value));
    }

    [Fact]
    public async Task SponsoredFeedItem_NamesWhoPaid()
    {
        var article = await new ArticleBuilder().With(a => { a.WorkType = WorkType.Sponsored; a.SponsorName = "Acme Ferries"; }).SaveAsync(site);

        var item = XDocument.Parse(await client.GetStringAsync($"/{article.Section.Slug}/feed.xml")).Descendants("item").Single();

        Assert.StartsWith("Sponsored: ", item.Element("title")?.Value);
        Assert.StartsWith("Paid for by Acme Ferries.", item.Element("description")?.Value);
    }

    [Fact]
    public async Task Dateline_OpensTheFirstParagraph_AndBackstoryFollowsTheBody_BothEncoded()
    {
        var article = await new ArticleBuilder()
            .With(a => { a.Dateline = "HARBOURTON <B>"; a.Backstory = "We read <script>alert(1)</script> the report.\n\nThe council declined to comment."; })
            .SaveAsync(site);

        var html = await client.GetStringAsync(article.UrlOf());

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<B>", html);
        var page = Html.Parse(html);
        var first = page.QuerySelector(".article-body p");
        Assert.Equal("HARBOURTON <B>", first?.QuerySelector(".dateline")?.TextContent);
        Assert.Contains("First paragraph of the story.", first?.TextContent);
        var backstory = page.QuerySelector("aside.backstory");
        Assert.Equal("How we reported this", backstory?.QuerySelector("h2")?.TextContent);
        Assert.Equal(["We read <script>alert(1)</script> the report.", "The council declined to comment."], backstory!.QuerySelectorAll("p").Select(p => p.TextContent));
        var jsonLd = await ArticleJsonLdAsync(article.UrlOf());
        Assert.Equal("We read <script>alert(1)</script> the report.\n\nThe council declined to comment.", jsonLd.GetProperty("backstory").GetString());
    }

    [Fact]
    public async Task ShownUpdatedTime_AppearsWithZoneAndReason_AndIsTheJsonLdDateModified()
    {
        var shown = new DateTime(2026, 6, 30, 8, 12, 0, DateTimeKind.Utc);
        var published = shown.AddDays(-1);
        var article = await new ArticleBuilder().PublishedAt(published)
            .With(a => { a.ShownUpdatedAt = shown; a.UpdateReason = "adds the <council>'s reply"; a.UpdatedAt = shown.AddHours(3); })
            .SaveAsync(site);

        var page = await client.GetDocumentAsync(article.UrlOf());

        var updated = page.QuerySelector(".byline .updated");
        Assert.Equal("Updated 30 June 2026, 09:12 London time — adds the <council>'s reply", updated?.TextContent);
        Assert.Equal("2026-06-30T08:12:00Z", updated?.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.EndsWith("London time", page.QuerySelector(".byline .meta time")?.TextContent);
        var jsonLd = await ArticleJsonLdAsync(article.UrlOf());
        Assert.Equal("2026-06-30T08:12:00Z", jsonLd.GetProperty("dateModified").GetString());
    }

    [Fact]
    public async Task StoryEditedLongAfterPublication_ShowsNoUpdatedLine_UnlessAnEditorSetOne()
    {
        var published = DateTime.UtcNow.AddDays(-1);
        var article = await new ArticleBuilder().PublishedAt(published).With(a => a.UpdatedAt = published.AddHours(5)).SaveAsync(site);

        var page = await client.GetDocumentAsync(article.UrlOf());

        Assert.Null(page.QuerySelector(".byline .updated"));
        Assert.DoesNotContain("Updated", page.QuerySelector(".byline")?.TextContent);
    }

    [Fact]
    public async Task SamplePaper_DemonstratesEveryLabelButLive_ADatelineABackstoryAndAnUpdate()
    {
        // The seeder's stories alone (other tests add their own labelled stories to the same database).
        var labels = await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Status == ArticleStatus.Published && a.HeroImageCredit == "Illustration: NewsSite")
            .Select(a => new { a.WorkType, a.SponsorName, a.Dateline, a.Backstory, a.ShownUpdatedAt, a.UpdateReason }).ToListAsync());

        foreach (var type in new[] { WorkType.News, WorkType.Analysis, WorkType.Opinion, WorkType.Review, WorkType.Explainer, WorkType.Sponsored })
        {
            Assert.Contains(labels, l => l.WorkType == type);
        }
        Assert.All(labels.Where(l => l.WorkType == WorkType.Sponsored), l => Assert.False(string.IsNullOrEmpty(l.SponsorName)));
        Assert.Contains(labels, l => l.Dateline is not null);
        Assert.Contains(labels, l => l.Backstory is not null);
        Assert.Contains(labels, l => l.ShownUpdatedAt is not null && l.UpdateReason is not null);
    }
}
