using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;


namespace NewsSite.Web.Features.Admin.Users;

public sealed record StaffRow(string Id, string Email, string DisplayName, string Role, bool IsDisabled, bool HasPassword, bool TwoFactorEnabled, DateTime? LastSignInAt, DateTime? InvitedAt);

/// <summary>Staff accounts: invitations, password resets, roles and disabling. Mail goes through the outbox with the change.</summary>
public sealed class StaffAccounts(
    NewsDbContext db,
    UserManager<StaffUser> users,
    Outbox outbox,
    EmailTemplates templates,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<SiteOptions> site)
{
    private const string InvitationPurpose = "Invitation";

    public async Task<IReadOnlyList<StaffRow>> ListAsync(CancellationToken cancellationToken)
    {
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var roleOf = roleNames.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).OrderBy(RoleRank).First());
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsDisabled, HasPassword = u.PasswordHash != null, u.TwoFactorEnabled, u.LastSignInAt, u.InvitedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(u => new StaffRow(u.Id, u.Email ?? "", u.DisplayName, roleOf.GetValueOrDefault(u.Id, "(none)"), u.IsDisabled, u.HasPassword, u.TwoFactorEnabled, u.LastSignInAt, u.InvitedAt)).ToList();
    }

    public async Task<IReadOnlyList<string>> InviteAsync(string email, string displayName, string role, string inviterName, CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return ["Choose a role."];
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return ["Someone on the staff already uses that email address."];
        }

        // One transaction: the account, its role, the invitation email and the audit entry land together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            InvitedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }
        await users.AddToRoleAsync(user, role);
        var token = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, InvitationPurpose);
        var link = Link(AdminUrls.Invitation, user.Id, token);
        outbox.Enqueue(await templates.InvitationAsync(email, inviterName, role, link));
        audit.Record(AuditActions.UserInvited, email, $"role {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<string>> AcceptInvitationAsync(string userId, string token, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled || await users.HasPasswordAsync(user) ||
            !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, InvitationPurpose, token))
        {
            return ["This invitation has expired or has already been used. Ask the person who invited you to send a new one."];
        }
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }
        audit.Record(AuditActions.PasswordReset, user.Email, "accepted invitation", actorName: user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Emails a reset link if the address belongs to an active account; says nothing either way.</summary>
    public async Task SendPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled)
        {
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        outbox.Enqueue(await templates.PasswordResetAsync(user.Email!, Link(AdminUrls.ResetPassword, user.Id, token)));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ResetPasswordAsync(string userId, string token, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled)
        {
            return ["This link has expired or has already been used. Ask for a new one from the sign-in page."];
        }
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? ["This link has expired or has already been used. Ask for a new one from the sign-in page."]
                : result.Errors.Select(e => e.Description).ToList();
        }
        // A successful reset also lifts a lockout: the person has just proved they own the mailbox.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(AuditActions.PasswordReset, user.Email, "reset by email link", actorName: user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<string?> ChangeRoleAsync(string userId, string role, string actingUserId, CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return "Choose a role.";
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That account no longer exists.";
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(StaffRoles.Administrator) && role != StaffRoles.Administrator && await IsLastActiveAdministratorAsync(user))
        {
            return "The site needs at least one active administrator.";
        }
        if (userId == actingUserId && role != StaffRoles.Administrator)
        {
            return "You cannot take away your own administrator role; ask another administrator.";
        }
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(AuditActions.RoleChange, user.Email, $"{string.Join(", ", current)} → {role}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> SetDisabledAsync(string userId, bool disabled, string actingUserId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "That account no longer exists.";
        }
        if (disabled && userId == actingUserId)
        {
            return "You cannot disable your own account.";
        }
        if (disabled && await IsLastActiveAdministratorAsync(user))
        {
            return "The site needs at least one active administrator.";
        }
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp ends the person's open sessions at the next check (within a minute); deleting the
        // session rows ends them at once.
        await users.UpdateSecurityStampAsync(user);
        if (disabled)
        {
            await db.EndAllAsync(user.Id, cancellationToken);
        }
        audit.Record(disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Ends every session of this person, on every device (a lost laptop, a shared computer).</summary>
    public async Task SignOutEverywhereAsync(string userId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }
        var ended = await db.EndAllAsync(userId, cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(AuditActions.SignOut, user.Email, $"everywhere ({ended} sessions)");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> IsLastActiveAdministratorAsync(StaffUser user)
    {
        if (!await users.IsInRoleAsync(user, StaffRoles.Administrator))
        {
            return false;
        }
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Administrator);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }

    private string Link(string path, string userId, string token) =>
        QueryHelpers.AddQueryString(site.Value.AbsoluteUrl(path).ToString(), new Dictionary<string, string?> { ["userId"] = userId, ["token"] = token });

    private static int RoleRank(string role) => role switch
    {
        StaffRoles.Administrator => 0,
        StaffRoles.Editor => 1,
        _ => 2,
    };
}
