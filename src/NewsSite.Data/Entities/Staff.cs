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
