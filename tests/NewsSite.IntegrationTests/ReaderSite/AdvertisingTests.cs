using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

[Collection(SiteCollection.Name)]
public sealed class AdvertisingTests(NewsSiteFactory site)
{
    private readonly HttpClient client = site.CreateBrowserlessClient();

    [Fact]
    public async Task InlineAd_IsPlacedAfterTheThirdParagraph_AndLabelled()
    {
        var article = await new ArticleBuilder().SaveAsync(site);

        var document = await client.GetDocumentAsync(article.UrlOf());

        var body = document.QuerySelector(".article-body")!;
        var children = body.Children.Select(c => c.LocalName == "aside" ? "AD" : c.TextContent.Trim()).ToList();
        Assert.Equal(["First paragraph of the story.", "Second paragraph.", "Third paragraph.", "AD", "Fourth paragraph.", "Fifth paragraph."], children);
        Assert.Equal("Advertisement", body.QuerySelector("aside.ad")?.GetAttribute("aria-label"));
        Assert.Equal("Advertisement", body.QuerySelector("aside.ad .ad-label")?.TextContent);
    }

    [Fact]
    public async Task ArticleMarkedNoAds_ShowsNoAdvertisement()
    {
        var article = await new ArticleBuilder().WithoutAds().SaveAsync(site);

        var document = await client.GetDocumentAsync(article.UrlOf());

        Assert.Empty(document.QuerySelectorAll(".ad"));
    }

    [Fact]
    public async Task ShortArticle_GetsNoInlineAd()
    {
        var article = await new ArticleBuilder().WithBody("Only one paragraph.").SaveAsync(site);

        var document = await client.GetDocumentAsync(article.UrlOf());

        Assert.Empty(document.QuerySelectorAll(".article-body .ad"));
    }

    [Fact]
    public async Task DisabledPlacement_ShowsNoAdvertisement()
    {
        var article = await new ArticleBuilder().SaveAsync(site);
        await SetInlineAdEnabled(false);
        try
        {
            var document = await client.GetDocumentAsync(article.UrlOf());
            Assert.Empty(document.QuerySelectorAll(".article-body .ad"));
        }
        finally
        {
            await SetInlineAdEnabled(true);
        }
    }

    private Task SetInlineAdEnabled(bool enabled) => site.WithDbAsync(async db =>
    {
        var slot = await db.AdSlots.SingleAsync(a => a.Placement == AdPlacements.ArticleInline);
        slot.IsEnabled = enabled;
        await db.SaveChangesAsync();
    });
}
