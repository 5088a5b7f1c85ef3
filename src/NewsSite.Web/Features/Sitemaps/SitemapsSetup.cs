namespace NewsSite.Web.Features.Sitemaps;

public static class SitemapsSetup
{
    public static WebApplicationBuilder AddSitemaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SitemapReader>();
        return builder;
    }
}
