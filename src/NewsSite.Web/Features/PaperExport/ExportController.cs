using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.PaperExport;

public sealed record ExportPage(IReadOnlyList<(string What, long Count)> Contents) : IAdminPage
{
    public string Title => "Export the paper";
}

/// <summary>Administrators' download of the whole paper as one zip, streamed as it is written.</summary>
[Authorize(Policy = Policies.ExportPaper), Route(AdminUrls.Export)]
public sealed class ExportController(PaperExporter exporter, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new ExportPage(await exporter.ContentsAsync(cancellationToken)));

    [HttpPost("")]
    public async Task<IActionResult> Download(CancellationToken cancellationToken)
    {
        await exporter.RecordExportAsync(null, "download", cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"newssite-export-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd-HHmm}.zip");
        return new ExportDownload(exporter, name);
    }

    /// <summary>Writes the zip straight into the response: nothing of the paper is held in memory or on disk.</summary>
    private sealed class ExportDownload(PaperExporter exporter, string fileName) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            var cancellationToken = context.HttpContext.RequestAborted;
            await using (var writer = await ExportWriter.ToZipAsync(response.Body, cancellationToken))
            {
                await exporter.ExportAsync(writer, cancellationToken);
            }
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
