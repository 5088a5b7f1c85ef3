using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.SampleContent;
using Serilog;
using Serilog.Events;

namespace NewsSite.Web.Infrastructure;

/// <summary>The site's wiring, one concern per method, in the order Program.cs reads.</summary>
public static class HostingSetup
{
    public static WebApplicationBuilder AddNewsLogging(this WebApplicationBuilder builder)
    {
        var logFolder = Path.Combine(DataDirectoryOf(builder), "logs");

        // Levels, enrichers and any extra sinks come from the "Serilog" section; console and a rolling file are always on.
        // The static Log.Logger is left alone: otherwise each host in a process (the tests run dozens, the tools a few)
        // takes it over, and one site's start-up lines land in another site's log file.
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(logFolder, "news-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }

    public static WebApplicationBuilder AddNewsOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.SectionName).ValidateWith(new SiteOptionsValidator()).ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateWith(new StorageOptionsValidator()).ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        builder.Services.AddSingleton<DataPaths>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplicationBuilder AddNewsCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.SectionName).ValidateWith(new CachingOptionsValidator()).ValidateOnStart();
        builder.Services.AddOutputCache();
        // One node keeps its pages in files (FilePageStore); AddNewsRedis replaces it with the shared store.
        builder.Services.AddSingleton<FilePageStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => provider.GetRequiredService<FilePageStore>()));
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((options, caching) =>
        {
            options.AddPolicy(CacheTags.PublicPagePolicy, policy => policy
                .Expire(TimeSpan.FromSeconds(caching.Value.PageSeconds))
                // No merging of simultaneous misses: a request that arrives just after a change would otherwise be
                // given the page of a render that began before it, and a reader saw a new story missing from the
                // front page 0.3 s after its save (the workload, bench/README.md). Unmerged, a page just evicted is
                // rendered by each request that asks in that render's few milliseconds.
                .SetLocking(false)
                .Tag(CacheTags.Content)
                // Only the parameters the pages read: random query strings must not fill the cache with copies.
                .SetVaryByQuery("page", "q", "sort")
                .VaryByValue(Features.Feeds.FeedResponses.VaryKey)
                .VaryByValue(CompressedPages.VaryKey)
                .AddPolicy<Telemetry.CacheHitCounter>());
        });

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "application/atom+xml", "image/svg+xml"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>MVC with feature-folder views, routing conventions, and what every feature's services share.</summary>
    public static WebApplicationBuilder AddNewsMvc(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Conventions.Add(new HeadLikeGet());
            })
            .AddRazorOptions(options =>
            {
                // Views live beside their controllers, in the folder of the controller's namespace.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
                options.ViewLocationExpanders.Add(new FeatureFolderViewLocations());
            })
            .ConfigureApplicationPartManager(parts => PublicTypesPart.ReplaceIn(parts, typeof(HostingSetup).Assembly));
        builder.Services.Configure<RouteOptions>(options =>
        {
            options.ConstraintMap["slug"] = typeof(SlugRouteConstraint);
            options.LowercaseUrls = true;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddSingleton<ArticleBodyRenderer>();
        builder.Services.AddScoped<BodyImages>();
        builder.Services.AddScoped<SampleContentSeeder>();
        builder.Services.AddScoped<Auditing.AuditTrail>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    public static WebApplicationBuilder AddNewsHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    // Needed while the host is still being built, before options can be resolved from services.
    private static string DataDirectoryOf(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        return new DataPaths(builder.Environment, Microsoft.Extensions.Options.Options.Create(storage)).DataDirectory;
    }

    public static WebApplication UseNewsErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    public static WebApplication UseNewsSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<Security.SecurityHeaders>();
        return app;
    }

    public static WebApplication UseNewsStaticFiles(this WebApplication app)
    {
        // Uploaded images: names are unique and never reused, so they can be cached for good.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.Services.GetRequiredService<Media.IMediaStorage>().Files,
            RequestPath = Media.MediaUrls.RequestPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Links made with asp-append-version carry ?v=<hash>: that exact content can be cached for a year.
                var fingerprinted = context.Context.Request.Query.ContainsKey("v");
                context.Context.Response.Headers.CacheControl = fingerprinted
                    ? "public, max-age=31536000, immutable"
                    : "public, max-age=3600";
            },
        });
        return app;
    }

    public static WebApplication UseNewsRequestLogging(this WebApplication app)
    {
        // Probes and scrapes come every few seconds: logged only at Verbose, like the health checks.
        var metricsPath = new PathString(app.Services.GetRequiredService<IOptions<Telemetry.TelemetryOptions>>().Value.PrometheusPath);
        app.UseSerilogRequestLogging(options =>
        {
            // This site's logger, not the static one (see AddNewsLogging).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments(metricsPath) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        app.Use(ClientHangUpsAreNotErrors);
        return app;
    }

    // A reader who closes the tab or follows another link mid-page cancels the request's work, which ends in an
    // OperationCanceledException (or an IOException while writing). That is not the site failing: logged as an
    // error with its stack trace, and counted as a 500 in the metrics, it buried real failures. It is answered
    // 499 (nginx's "client closed request") and logged as a request like any other; if the page had begun to go
    // out, with the status already sent. Work the site cancels itself (a timeout) while the reader waits is still
    // an error. (Requests cut short by a stopping server end the same way as a reader's hang-up.)
    private static async Task ClientHangUpsAreNotErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when ((exception is OperationCanceledException or IOException) && context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                // Nobody is there to read an error page.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                }
            }
        }
    }

    public static WebApplication UseNewsCaching(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.OutputCacheEnabled)
        {
            app.UseOutputCache();
        }
        // Pages are compressed inside the page cache, so it keeps (and a hit sends) compressed bytes: a fifth of the
        // memory, and no compression per hit (CompressedPages keys the copies by encoding). The outer
        // UseResponseCompression leaves an answer that is already encoded alone. The ETag is the page's, before compression.
        app.UseResponseCompression();
        app.UseMiddleware<ETagMiddleware>();
        return app;
    }

    /// <summary>
    /// The probes, answered ahead of the rest of the pipeline (after the error page and security headers): a load
    /// balancer's probe every few seconds is not a visitor, so it is not request-logged, counted as a page view or looked
    /// up among old addresses, and a node's readiness rests on its checks alone, not on what the first page needs (the
    /// legacy redirects' table, EF Core's query set-up).
    /// </summary>
    public static WebApplication UseNewsHealthChecks(this WebApplication app)
    {
        // Ready: the database (and Redis, when configured) answers. Compose, nginx and the benchmark wait on it.
        app.UseHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        // Live: the process serves requests, whatever its database is doing; no check runs, so it answers at once.
        app.UseHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        return app;
    }

    private static async Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(report.Status.ToString());
        // Which part is missing, so an operator reading "Degraded" knows where to look (Redis, say).
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy))
        {
            await context.Response.WriteAsync($"\n{name}: {entry.Status}: {entry.Description}");
        }
    }

    /// <summary>
    /// Makes MVC's endpoints from its controllers' actions now, on the main thread, while the database's start-up work
    /// runs on the other core. Otherwise the host makes them as it builds the pipeline (the authorization middleware asks
    /// for them), which comes after that work, on the path to the first answer. Endpoints and conventions must all be
    /// mapped before this is called.
    /// </summary>
    public static WebApplication PrepareEndpoints(this WebApplication app)
    {
        foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
        {
            _ = source.Endpoints;
        }
        return app;
    }

    public static WebApplication LogStartupSummary(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILogger<Program>>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
            var dataDirectory = app.Services.GetRequiredService<DataPaths>().DataDirectory;
            // The database holds the data-protection keys too (they sign sign-in cookies): back it up, keep it private.
            logger.LogInformation("{SiteName} is running at {Addresses} (public base URL {BaseUrl}); data folder {DataDirectory}",
                site.Name, string.Join(", ", addresses), site.BaseUrl, dataDirectory);
            var adminUrl = site.AbsoluteUrl(Features.Admin.AdminUrls.Home);
            switch (app.Services.GetRequiredService<DatabaseInitializer>().Bootstrap)
            {
                case AdminBootstrap.SetupPageOpen:
                    logger.LogWarning("No newsroom account exists yet. Create the first administrator at {SetupUrl} " +
                        "(or set Admin__Email and Admin__Password and restart)", site.AbsoluteUrl(Features.Admin.AdminUrls.Setup));
                    break;
                case AdminBootstrap.CreatedFromConfiguration:
                    logger.LogInformation("Created the first administrator from Admin:Email; sign in at {AdminUrl}", adminUrl);
                    break;
                default:
                    logger.LogInformation("Newsroom sign-in: {AdminUrl}", adminUrl);
                    break;
            }
            if (app.Services.GetRequiredService<IMailTransport>() is PickupDirectoryTransport pickup)
            {
                logger.LogInformation("No Smtp:Host is set: outgoing email is written as .eml files to {PickupDirectory}", pickup.Directory);
            }
        });
        return app;
    }
}
