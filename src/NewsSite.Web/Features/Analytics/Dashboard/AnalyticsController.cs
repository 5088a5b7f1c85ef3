using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Analytics.Dashboard;

public sealed record AnalyticsPage(IReadOnlyList<ReportTable> Tables, bool Counting) : IAdminPage
{
    public string Title => "Analytics";
}

/// <summary>The newsroom's numbers: editors and administrators, who manage subscribers and newsletters too.</summary>
[Authorize(Policy = Policies.ManageSite)]
public sealed class AnalyticsController(AnalyticsReader reader, Microsoft.Extensions.Options.IOptions<AnalyticsOptions> options, TimeProvider clock) : AdminController
{
    [HttpGet(AdminUrls.Analytics)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new AnalyticsPage(await reader.AllAsync(cancellationToken), options.Value.Enabled));

    [HttpGet(AdminUrls.Analytics + "/{table}.csv")]
    public async Task<IActionResult> Export(string table, CancellationToken cancellationToken)
    {
        if (await reader.TableAsync(table, cancellationToken) is not { } report)
        {
            return NotFound();
        }
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), leaveOpen: true))
        // As the subscriber export: a cell that starts like a formula (a headline can) is escaped, never run.
        await using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var column in report.Columns)
            {
                csv.WriteField(column);
            }
            await csv.NextRecordAsync();
            foreach (var row in report.Rows)
            {
                foreach (var cell in row.Cells)
                {
                    // Numbers without thousands separators, so a spreadsheet reads them as numbers.
                    csv.WriteField(long.TryParse(cell, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : cell);
                }
                await csv.NextRecordAsync();
            }
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"{report.Key}-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }
}
