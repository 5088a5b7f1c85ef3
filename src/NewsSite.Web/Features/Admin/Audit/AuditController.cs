using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Audit;

public sealed record AuditRow(DateTime At, string UserName, string Action, string? Target, string? Details, string? IpAddress);

public sealed record AuditPage(Paged<AuditRow> Entries, string? Action) : IAdminPage
{
    public string Title => "Audit log";
}

public sealed class AuditLogReader(NewsDbContext db)
{
    private const int PageSize = 50;

    public async Task<Paged<AuditRow>> ReadAsync(string? action, int page, CancellationToken cancellationToken)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            entries = entries.Where(e => e.Action == action);
        }
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Paged<AuditRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(e => new AuditRow(e.At, e.UserName, e.Action, e.Target, e.Details, e.IpAddress))
            .ToListAsync(cancellationToken);
        return new Paged<AuditRow>(rows, page, PageSize, total);
    }
}

[Authorize(Policy = Policies.ManageUsers), Route("/admin/audit")]
public sealed class AuditController(AuditLogReader reader) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? action, int page = 1, CancellationToken cancellationToken = default) =>
        View(new AuditPage(await reader.ReadAsync(action, Math.Max(page, 1), cancellationToken), action));
}
