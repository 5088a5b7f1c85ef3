using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Each options class is checked against its data annotations (and its own <c>Validate</c>, where it has one) at
/// start-up, by a validator the options validation source generator writes at compile time. ValidateDataAnnotations
/// did the same by reflection, which cost a node's start-up about a hundred methods compiled on the fly.
/// </summary>
public static class OptionsValidation
{
    // Takes an instance, not a type argument, so that the options type is inferred from the builder.
    public static OptionsBuilder<TOptions> ValidateWith<TOptions>(this OptionsBuilder<TOptions> builder, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        builder.Services.AddSingleton(validator);
        return builder;
    }
}

[OptionsValidator] internal sealed partial class ProxyOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Security.ProxyOptions>;
[OptionsValidator] internal sealed partial class SignInThrottleOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Identity.SignInThrottleOptions>;
[OptionsValidator] internal sealed partial class TelemetryOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Telemetry.TelemetryOptions>;
[OptionsValidator] internal sealed partial class PublishingOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Publishing.PublishingOptions>;
[OptionsValidator] internal sealed partial class SiteOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.SiteOptions>;
[OptionsValidator] internal sealed partial class StorageOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.StorageOptions>;
[OptionsValidator] internal sealed partial class CachingOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.CachingOptions>;
[OptionsValidator] internal sealed partial class RedisOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Redis.RedisOptions>;
[OptionsValidator] internal sealed partial class DatabaseOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.DatabaseOptions>;
[OptionsValidator] internal sealed partial class MediaOptionsValidator : IValidateOptions<NewsSite.Web.Infrastructure.Media.MediaOptions>;
[OptionsValidator] internal sealed partial class BreakingNewsOptionsValidator : IValidateOptions<NewsSite.Web.Features.Breaking.BreakingNewsOptions>;
[OptionsValidator] internal sealed partial class LiveOptionsValidator : IValidateOptions<NewsSite.Web.Features.Live.LiveOptions>;
[OptionsValidator] internal sealed partial class BackupOptionsValidator : IValidateOptions<NewsSite.Web.Features.Backups.BackupOptions>;
[OptionsValidator] internal sealed partial class ImportOptionsValidator : IValidateOptions<NewsSite.Web.Features.Imports.ImportOptions>;
[OptionsValidator] internal sealed partial class AnalyticsOptionsValidator : IValidateOptions<NewsSite.Web.Features.Analytics.AnalyticsOptions>;
[OptionsValidator] internal sealed partial class NewsletterOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.NewsletterOptions>;
[OptionsValidator] internal sealed partial class DkimOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.Deliverability.DkimOptions>;
[OptionsValidator] internal sealed partial class SmtpOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.Delivery.SmtpOptions>;
[OptionsValidator] internal sealed partial class OutboxOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.Delivery.OutboxOptions>;
[OptionsValidator] internal sealed partial class BounceMailboxOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.Deliverability.BounceMailboxOptions>;
[OptionsValidator] internal sealed partial class DeliverabilityOptionsValidator : IValidateOptions<NewsSite.Web.Features.Newsletter.Deliverability.DeliverabilityOptions>;
[OptionsValidator] internal sealed partial class PaperExportOptionsValidator : IValidateOptions<NewsSite.Web.Features.PaperExport.PaperExportOptions>;
