namespace NewsSite.Web.Features.Shared;

/// <summary>What every page shares: its head (title, canonical, JSON-LD), dates in the paper's zone, the section menu.</summary>
public static class SharedSetup
{
    public static WebApplicationBuilder AddSharedPageParts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PageMetaFactory>();
        builder.Services.AddScoped<DateDisplay>();
        builder.Services.AddScoped<CurrentSite>();
        builder.Services.AddScoped<Navigation>();
        builder.Services.AddSingleton<CardMemo>();
        return builder;
    }
}
