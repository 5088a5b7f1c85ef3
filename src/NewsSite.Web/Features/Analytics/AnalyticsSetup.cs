using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Analytics;

/// <summary>
/// First-party page views: counted on the server (no script, no cookie, nothing about the reader kept), summed in
/// memory, written in batches by each node, pruned once a day for the cluster; the "most read" block and the
/// newsroom's dashboard read them.
/// </summary>
public static class AnalyticsSetup
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateWith(new AnalyticsOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<PageViewTally>();
        builder.Services.AddSingleton<PageViewFlusher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PageViewFlusher>());
        builder.Services.AddSingleton<PageViewPruning>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PageViewPruning>());
        builder.Services.AddScoped<MostReadReader>();
        builder.Services.AddScoped<Dashboard.AnalyticsReader>();
        return builder;
    }

    /// <summary>Before the output cache (so cached pages are counted), after routing (so the endpoint is known).</summary>
    public static WebApplication UseNewsPageViews(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.Enabled)
        {
            app.UseMiddleware<PageViewCounting>();
        }
        return app;
    }
}
