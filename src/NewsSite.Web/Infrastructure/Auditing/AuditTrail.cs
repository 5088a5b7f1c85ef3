using System.Security.Claims;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Auditing;

/// <summary>Adds audit entries to the caller's DbContext, so they commit with the change they describe.</summary>
public sealed class AuditTrail(NewsDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string? target = null, string? details = null, ClaimsPrincipal? actor = null, string? actorName = null)
    {
        var context = http.HttpContext;
        var user = actor ?? context?.User;
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = actorName ?? user?.Identity?.Name ?? "(anonymous)",
            Action = action,
            Target = Trim(target, 500),
            Details = Trim(details, 2000),
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    /// <summary>Records and saves at once, for events with no other change to ride along with (a failed sign-in).</summary>
    public async Task RecordNowAsync(string action, string? target = null, string? details = null, string? actorName = null, CancellationToken cancellationToken = default)
    {
        Record(action, target, details, actorName: actorName);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Trim(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
