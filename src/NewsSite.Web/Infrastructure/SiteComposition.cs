using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Infrastructure.Email;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.Web.Infrastructure;

public static class SiteComposition
{
    /// <summary>Every service the site runs, in order. Program.cs adds the web pipeline on top.</summary>
    public static WebApplicationBuilder AddNewsSite(this WebApplicationBuilder builder) => builder
        .AddNewsLogging()
        .AddNewsOptions()
        .AddNewsProxies()
        .AddNewsDataProtection()
        .AddNewsData()
        .AddNewsCaching()
        .AddNewsEmail()
        .AddNewsIdentity()
        .AddReaderSite()
        .AddNewsletter()
        .AddNewsHealthChecks();
}
