using Microsoft.AspNetCore.Identity;

namespace NewsSite.Data.Entities;

public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The byline this person writes under, if any.</summary>
    public int? AuthorId { get; set; }
    public Author? Author { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? InvitedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
}

public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Writer = "Writer";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, Writer];
}

/// <summary>Who did what, and when: sign-ins, publishing, deletions, role and settings changes.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>
/// A signed-in session. The cookie carries only this row's key, so signing out (or "sign out everywhere") ends the
/// session for good, on every node that serves the site, and a copied cookie is worthless afterwards.
/// </summary>
public sealed class StaffSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }

    /// <summary>The serialised authentication ticket (claims and expiry), as the cookie would otherwise carry it.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}

/// <summary>
/// A newsroom form posted after its author's session had lapsed, kept through the sign-in so nothing typed is lost;
/// it is completed when the same person is back (their form token must still match), then removed.
/// </summary>
public sealed class PendingFormPost
{
    /// <summary>SHA-256 of the key in the resume link; the key itself is only in that link.</summary>
    public required string KeyHash { get; set; }
    public required string Path { get; set; }

    /// <summary>The form as posted, URL-encoded.</summary>
    public required string Form { get; set; }
    public string? Summary { get; set; }
    public DateTime CreatedAt { get; set; }
}
