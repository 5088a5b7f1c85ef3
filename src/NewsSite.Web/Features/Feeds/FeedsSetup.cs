namespace NewsSite.Web.Features.Feeds;

public sealed class FeedsOptions
{
    public const string SectionName = "Feeds";

    /// <summary>Items carry the whole story with its picture; false gives headline and standfirst only.</summary>
    public bool FullText { get; set; } = true;
}

public static class FeedsSetup
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.SectionName).ValidateOnStart();
        builder.Services.AddScoped<FeedReader>();
        return builder;
    }
}
