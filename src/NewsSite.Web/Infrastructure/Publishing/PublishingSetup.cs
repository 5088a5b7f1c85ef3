namespace NewsSite.Web.Infrastructure.Publishing;

/// <summary>One publishing step for the editor and the scheduler, and the scheduler itself.</summary>
public static class PublishingSetup
{
    public static WebApplicationBuilder AddPublishing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.SectionName).ValidateWith(new PublishingOptionsValidator()).ValidateOnStart();
        builder.Services.AddScoped<PublishingWorkflow>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
