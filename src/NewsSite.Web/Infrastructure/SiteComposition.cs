using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Settings;
using NewsSite.Web.Features.Analytics;
using NewsSite.Web.Features.Backups;
using NewsSite.Web.Features.Breaking;
using NewsSite.Web.Features.Articles;
using NewsSite.Web.Features.Corrections;
using NewsSite.Web.Features.Feeds;
using NewsSite.Web.Features.Home;
using NewsSite.Web.Features.Imports;
using NewsSite.Web.Features.Listings;
using NewsSite.Web.Features.Live;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Pages;
using NewsSite.Web.Features.PaperExport;
using NewsSite.Web.Features.Search;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Features.Sitemaps;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Media;
using NewsSite.Web.Infrastructure.Publishing;
using NewsSite.Web.Infrastructure.Redis;
using NewsSite.Web.Infrastructure.Security;
using NewsSite.Web.Infrastructure.Telemetry;

namespace NewsSite.Web.Infrastructure;

public static class SiteComposition
{
    /// <summary>Every service the site runs, in order. Program.cs adds the web pipeline on top.</summary>
    public static WebApplicationBuilder AddNewsSite(this WebApplicationBuilder builder) => builder
        .AddNewsLogging()
        .AddNewsOptions()
        .AddNewsProxies()
        .AddNewsData()
        // After the data: the key ring lives in the database, and its own start-up work (loading the ring) must
        // come after the database initializer has migrated a new database.
        .AddNewsKeyRing()
        .AddNewsCaching()
        .AddNewsIdentity()
        .AddNewsMvc()
        .AddSharedPageParts()
        .AddFrontPage()
        .AddArticlePages()
        .AddCorrections()
        .AddStaticPages()
        .AddLiveCoverage()
        .AddListings()
        .AddSearch()
        .AddFeeds()
        .AddSitemaps()
        .AddPublishing()
        .AddMedia()
        .AddNewsroom()
        .AddSiteSettings()
        .AddBreakingNews()
        .AddNewsletter()
        .AddBackups()
        .AddAnalytics()
        .AddImports()
        .AddPaperExport()
        .AddNewsRedis()
        .AddNewsTelemetry()
        .AddNewsHealthChecks();
}
