using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Imports;

public sealed record ImportsPage(ImportReport? Report, string? Error, long MaxExportMegabytes, long MaxZipMegabytes) : IAdminPage
{
    public string Title => "Import from WordPress or Ghost";
}

/// <summary>
/// The administrators' import page. A post answers with the report itself rather than a redirect: a report of a few
/// hundred lines has nowhere to wait (it is in the audit log in short, and the import can be run again to see it all).
/// </summary>
[Authorize(Policy = Policies.ManageSettings), Route(AdminUrls.Imports)]
public sealed class ImportsController(UploadedImport imports, IOptions<ImportOptions> options) : AdminController
{
    // The ceiling for the whole request; each file is held to its own configured limit below.
    private const long MaxRequestBytes = 2L * 1024 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View(Page());

    [HttpPost("wordpress"), RequestSizeLimit(MaxRequestBytes), RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public Task<IActionResult> WordPress(IFormFile? export, IFormFile? uploads, CancellationToken cancellationToken) =>
        RunAsync(export, uploads, "the uploads .zip", (file, extra, actor) => imports.WordPressAsync(file, extra, actor, cancellationToken));

    [HttpPost("ghost"), RequestSizeLimit(MaxRequestBytes), RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public Task<IActionResult> Ghost(IFormFile? export, IFormFile? members, CancellationToken cancellationToken) =>
        RunAsync(export, members, "the members CSV", (file, extra, actor) => imports.GhostAsync(file, extra, actor, cancellationToken));

    private async Task<IActionResult> RunAsync(IFormFile? export, IFormFile? extra, string extraName, Func<Stream, Stream?, ImportActor, Task<ImportReport>> run)
    {
        var limits = options.Value;
        string? error = null;
        if (export is null || export.Length == 0)
        {
            error = "Choose the export file to import.";
        }
        else if (export.Length > limits.MaxExportBytes)
        {
            error = $"The export file is over {limits.MaxExportBytes / (1024 * 1024)} MB: import it with the command line instead.";
        }
        else if (extra is not null && extra.Length > limits.MaxMediaZipBytes)
        {
            error = $"{char.ToUpperInvariant(extraName[0])}{extraName[1..]} is over {limits.MaxMediaZipBytes / (1024 * 1024)} MB: import with the command line instead.";
        }
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), Page(error: error));
        }
        try
        {
            await using var file = export!.OpenReadStream();
            await using var extraStream = extra is { Length: > 0 } ? extra.OpenReadStream() : null;
            var report = await run(file, extraStream, new ImportActor(User.Identity?.Name ?? "administrator", CurrentUserId));
            return View(nameof(Index), Page(report));
        }
        catch (FormatException e)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), Page(error: e.Message));
        }
    }

    private ImportsPage Page(ImportReport? report = null, string? error = null) =>
        new(report, error, options.Value.MaxExportBytes / (1024 * 1024), options.Value.MaxMediaZipBytes / (1024 * 1024));
}
