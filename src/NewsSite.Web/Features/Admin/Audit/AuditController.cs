using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Audit;

public sealed record AuditRow(DateTime At, string UserName, string Action, string? Target, string? Details, string? IpAddress);

/// <summary>
/// The audit log's filters. Not called "action": MVC fills a parameter of that name with the route's action name
/// ("Index"), which once pre-filled the box and hid every entry.
/// </summary>
public sealed record AuditFilter
{
    public string? Who { get; init; }
    public string? Activity { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    public Dictionary<string, string?> AsQuery() => new()
    {
        ["who"] = Who,
        ["activity"] = Activity,
        ["from"] = From?.ToString("yyyy-MM-dd"),
        ["to"] = To?.ToString("yyyy-MM-dd"),
    };
}

public sealed record AuditPage(Paged<AuditRow> Entries, AuditFilter Filter, IReadOnlyList<string> Activities) : IAdminPage
{
    public string Title => "Audit log";
}

[Authorize(Policy = Policies.ManageUsers), Route("/admin/audit")]
public sealed class AuditController(AuditLogReader reader) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, int page = 1, CancellationToken cancellationToken = default) =>
        View(await reader.ReadAsync(filter, Math.Max(page, 1), cancellationToken));
}
