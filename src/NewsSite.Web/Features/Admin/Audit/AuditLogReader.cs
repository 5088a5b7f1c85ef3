using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Admin.Audit;

public sealed class AuditLogReader(NewsDbContext db, DateDisplay dates, Infrastructure.Database.IDatabaseProvider database)
{
    private const int PageSize = 50;

    // Dates outside this range are ignored rather than converted: the calendar's ends overflow in some time zones.
    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2999, 12, 31);

    public async Task<AuditPage> ReadAsync(AuditFilter filter, int page, CancellationToken cancellationToken)
    {
        filter = filter with
        {
            From = filter.From is { } f && f >= Earliest && f <= Latest ? f : null,
            To = filter.To is { } t && t >= Earliest && t <= Latest ? t : null,
        };
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Who))
        {
            entries = database.WhereContainsIgnoringCase(entries, filter.Who, e => e.UserName);
        }
        if (!string.IsNullOrWhiteSpace(filter.Activity))
        {
            var activity = filter.Activity.Trim();
            entries = entries.Where(e => e.Action == activity);
        }
        if (filter.From is { } from)
        {
            var start = dates.StartOfDayUtc(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = dates.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Paged<AuditRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(e => new AuditRow(e.At, e.UserName, e.Action, e.Target, e.Details, e.IpAddress))
            .ToListAsync(cancellationToken);
        var activities = await db.AuditLog.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditPage(new Paged<AuditRow>(rows, page, PageSize, total), filter, activities);
    }
}
