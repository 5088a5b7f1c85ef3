using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Email;

public static class EmailSetup
{
    public static WebApplicationBuilder AddNewsEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxWakeup>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<SmtpMailTransport>();
        builder.Services.AddSingleton<PickupDirectoryTransport>();
        // No SMTP host (the embedded default) means mail is written to the pickup folder.
        builder.Services.AddSingleton<IMailTransport>(services =>
            string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? services.GetRequiredService<PickupDirectoryTransport>()
                : services.GetRequiredService<SmtpMailTransport>());
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxSender>());
        return builder;
    }
}
