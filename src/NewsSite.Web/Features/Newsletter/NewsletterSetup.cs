using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Features.Newsletter.Subscribers;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.Web.Features.Newsletter;

/// <summary>
/// Everything about email: signup and its emails, newsletter issues, the subscriber directory, and delivery (the
/// outbox, its sender, the SMTP or pickup-folder transport). The newsroom's own emails (invitations, password resets)
/// use the same templates and outbox.
/// </summary>
public static class NewsletterSetup
{
    public static WebApplicationBuilder AddNewsletter(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.SectionName).ValidateWith(new NewsletterOptionsValidator()).ValidateOnStart();
        builder.Services.AddScoped<SignupService>();
        builder.Services.AddScoped<NewsletterChoices>();
        builder.Services.AddScoped<Consent.ConsentLedger>();
        builder.Services.AddScoped<Preferences.PreferenceCentre>();
        builder.Services.AddSingleton<Preferences.PreferenceLinks>();
        builder.Services.AddScoped<NewsletterIssueQueue>();
        builder.Services.AddScoped<CorrectionNotices>();
        builder.Services.AddScoped<SubscriberDirectory>();
        builder.Services.AddSingleton<EmailRenderer>();
        builder.Services.AddSingleton<EmailTemplates>();
        builder.Services.AddSingleton<NewsletterEmails>();
        builder.Services.AddSingleton<EmailImages>();
        builder.Services.AddSingleton<SiteKeys>();
        builder.Services.AddSingleton<ReturnPaths>();
        builder.Services.AddScoped<BounceRecorder>();
        builder.Services.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.SectionName).ValidateWith(new DkimOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DkimOptions>, DkimOptionsValidation>();
        builder.Services.AddSingleton<DkimSigning>();
        builder.Services.AddScoped<DeliveryRates>();
        builder.Services.AddScoped<NewsSite.Web.Features.Newsletter.Suppressions.SuppressionList>();
        builder.Services.AddScoped<Newsletters.NewsletterLists>();
        builder.Services.AddScoped<Archive.NewsletterArchive>();
        builder.Services.AddSingleton<Scheduling.NewsletterScheduler>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Scheduling.NewsletterScheduler>());
        AddDelivery(builder.Services);
        AddBounceMailbox(builder.Services);
        AddDeliverabilityCheck(builder.Services);
        AddSignupRateLimit(builder.Services);
        return builder;
    }

    private static void AddDelivery(IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateWith(new SmtpOptionsValidator()).ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateWith(new OutboxOptionsValidator()).ValidateOnStart();
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxSignal>();
        // Wakes the sender when a save commits new mail, whichever feature queued it.
        services.AddSingleton<IInterceptor, OutboxWakeup>();
        services.AddSingleton<IDeliveryPacing, LocalDeliveryPacing>();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupDirectoryTransport>();
        // No SMTP host (the embedded default) means mail is written to the pickup folder.
        services.AddSingleton<IMailTransport>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? provider.GetRequiredService<PickupDirectoryTransport>()
                : provider.GetRequiredService<SmtpMailTransport>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
    }

    private static void AddBounceMailbox(IServiceCollection services)
    {
        services.AddOptions<BounceMailboxOptions>().BindConfiguration(BounceMailboxOptions.SectionName).ValidateWith(new BounceMailboxOptionsValidator()).ValidateOnStart();
        services.AddSingleton<BounceMailbox>();
        services.AddHostedService(provider => provider.GetRequiredService<BounceMailbox>());
    }

    private static void AddDeliverabilityCheck(IServiceCollection services)
    {
        services.AddOptions<DeliverabilityOptions>().BindConfiguration(DeliverabilityOptions.SectionName).ValidateWith(new DeliverabilityOptionsValidator()).ValidateOnStart();
        services.AddHttpClient(DeliverabilityCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<DeliverabilityCheck>();
    }

    private static void AddSignupRateLimit(IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(NewsletterController.RateLimitPolicy, context => CountedRateLimit.PerClient(
            context, NewsletterController.RateLimitPolicy,
            context.RequestServices.GetRequiredService<IOptions<NewsletterOptions>>().Value.SignupsPerMinutePerIp, TimeSpan.FromMinutes(1)));
        options.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            // The script gets a sentence to show; a plain form post gets the friendly 429 page from the error pages.
            if (context.HttpContext.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
            {
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { ok = false, message = "Too many signups from your connection. Please wait a minute and try again." }, cancellationToken);
            }
        };
    });
}
