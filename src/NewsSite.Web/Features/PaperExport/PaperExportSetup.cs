using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.PaperExport;

public sealed class PaperExportOptions
{
    public const string SectionName = "PaperExport";

    /// <summary>Rows read (export) or written (import) per query and per SaveChanges: memory stays flat whatever the paper's size.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// The whole paper out and in again, in a documented format (docs/export-format.md): `export FOLDER` and the
/// administrators' download write it; `import-newssite FOLDER` reads it into an empty site.
/// </summary>
public static class PaperExportSetup
{
    public static WebApplicationBuilder AddPaperExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaperExportOptions>().BindConfiguration(PaperExportOptions.SectionName).ValidateWith(new PaperExportOptionsValidator()).ValidateOnStart();
        builder.Services.AddScoped<PaperExporter>();
        builder.Services.AddScoped<PaperImporter>();
        return builder;
    }
}
