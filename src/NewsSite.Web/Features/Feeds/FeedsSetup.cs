namespace NewsSite.Web.Features.Feeds;

public static class FeedsSetup
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FeedReader>();
        return builder;
    }
}
