using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NewsSite.Web.Infrastructure.Telemetry;

/// <summary>
/// Metrics always (scraped by Prometheus at Telemetry:PrometheusPath), traces and OTLP export only with
/// Telemetry:OtlpEndpoint. Without it no tracer listens, so no span is made at all: a cached page pays for one
/// duration histogram and one cache-hit counter.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "newssite";

    public static WebApplicationBuilder AddNewsTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateWith(new TelemetryOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<TelemetryGauges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TelemetryGauges>());

        // Needed while the services are being chosen; a malformed value is reported by the validation above.
        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = settings.Otlp;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(SiteMetrics.Name)
                    // ASP.NET Core's own meters (http.server.request.duration, by route template, never by path),
                    // named one by one: the routing and authorization meters would add work to every request for
                    // numbers nobody alerts on.
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting")
                    .AddMeter("Microsoft.EntityFrameworkCore")
                    .AddRuntimeInstrumentation()
                    // Each stream allocates room for its limit of tag combinations up front: OpenTelemetry's 2,000 took
                    // 9 MB of heap for the site's 52 streams. Only requests by route, method and status can need more
                    // than 500, so that one keeps the default; past a limit, new combinations are summed under one
                    // overflow point, not lost. (A matching view means the exporter's default histogram aggregation,
                    // OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION, no longer applies: buckets come from
                    // each instrument's advice or the SDK's defaults.)
                    .AddView(instrument => new MetricStreamConfiguration
                    {
                        CardinalityLimit = instrument.Name == "http.server.request.duration" ? 2000 : 500,
                    })
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            var metricsPath = new PathString(settings.PrometheusPath);
            telemetry.WithTracing(tracing => tracing
                .AddSource(SiteMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments(metricsPath))
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }
        return builder;
    }

    /// <summary>The Prometheus endpoint, behind <see cref="MetricsGate"/>; no output-cache policy, so never cached, and never a page view.</summary>
    public static WebApplication MapNewsMetrics(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPath;
        app.MapPrometheusScrapingEndpoint(path, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<MetricsGate>(), optionsName: null);
        return app;
    }
}
