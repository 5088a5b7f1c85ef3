using System.Security.Claims;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Auditing;

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorChanged = "two-factor-changed";
    public const string Publish = "publish";
    public const string Schedule = "schedule";
    public const string Unpublish = "unpublish";
    public const string Trash = "trash";
    public const string Restore = "restore";
    public const string DeleteForever = "delete";
    public const string RoleChange = "role-change";
    public const string UserInvited = "user-invited";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string SectionCreated = "section-created";
    public const string SectionEdited = "section-edited";
    public const string SectionMoved = "section-moved";
    public const string TagRenamed = "tag-renamed";
    public const string TagMerged = "tag-merged";
    public const string NewsletterQueued = "newsletter-queued";
    public const string SubscribersImported = "subscribers-imported";
    public const string AdCodeChange = "ad-code-change";
    public const string FirstAdministrator = "first-administrator";
    public const string MailRetry = "mail-retry";
}

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
