using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Breaking;

/// <summary>The breaking-news banner: what readers see, the newsroom's form, and the job that takes it down when it expires.</summary>
public static class BreakingNewsSetup
{
    public static WebApplicationBuilder AddBreakingNews(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BreakingNewsOptions>().BindConfiguration(BreakingNewsOptions.SectionName).ValidateWith(new BreakingNewsOptionsValidator()).ValidateOnStart();
        builder.Services.AddScoped<BreakingNewsReader>();
        builder.Services.AddScoped<Newsroom.BreakingNewsEditor>();
        builder.Services.AddSingleton<BreakingNewsExpiry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BreakingNewsExpiry>());
        return builder;
    }
}
