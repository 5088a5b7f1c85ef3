using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter;

public static class NewsletterSetup
{
    public static WebApplicationBuilder AddNewsletter(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SignupService>();
        builder.Services.AddSingleton<NewsletterEmails>();
        builder.Services.AddScoped<NewsletterIssueQueue>();
        builder.Services.AddScoped<SubscriberDirectory>();

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(NewsletterController.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                Infrastructure.Security.ClientAddress.PartitionKey(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<NewsletterOptions>>().Value.SignupsPerMinutePerIp,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
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
        return builder;
    }
}
