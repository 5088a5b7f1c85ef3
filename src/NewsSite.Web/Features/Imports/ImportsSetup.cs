using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Features.Imports.Ghost;
using NewsSite.Web.Features.Imports.WordPress;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Imports;

/// <summary>Limits on what the administrators' import page accepts (the command line reads files in place, unlimited).</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>The largest export file (WordPress XML, Ghost JSON) the page takes.</summary>
    [Range(1024, 1L << 31)]
    public long MaxExportBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest .zip of the uploads folder the page takes, and the most its files may add up to once unpacked.</summary>
    [Range(1024, 1L << 34)]
    public long MaxMediaZipBytes { get; set; } = 512L * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxMediaZipFiles { get; set; } = 20_000;
}

/// <summary>Moving in from WordPress and Ghost: the importers, their shared core, and the old addresses' redirects.</summary>
public static class ImportsSetup
{
    public static WebApplicationBuilder AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateWith(new ImportOptionsValidator()).ValidateOnStart();
        builder.Services.AddTransient<ImportedHtml>();
        builder.Services.AddScoped<ImportWriter>();
        builder.Services.AddScoped<WordPressImporter>();
        builder.Services.AddScoped<GhostImporter>();
        builder.Services.AddScoped<UploadedImport>();
        return builder;
    }

    /// <summary>Old permalinks answer 301 before the output cache sees them.</summary>
    public static WebApplication UseLegacyRedirects(this WebApplication app)
    {
        app.UseMiddleware<LegacyRedirectMiddleware>();
        return app;
    }
}
