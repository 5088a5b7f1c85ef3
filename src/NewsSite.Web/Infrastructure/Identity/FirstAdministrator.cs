using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure.Identity;

public enum AdminBootstrap
{
    /// <summary>Staff accounts exist; nothing to do.</summary>
    AccountsExist,

    /// <summary>The first administrator was created from Admin:Email and Admin:Password.</summary>
    CreatedFromConfiguration,

    /// <summary>No account and no configured administrator: /admin/setup is open until someone uses it.</summary>
    SetupPageOpen,
}

/// <summary>Makes sure the roles exist and that the site has a way to get its first administrator.</summary>
public sealed class FirstAdministrator(
    NewsDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<AdminOptions> options,
    ILogger<FirstAdministrator> logger)
{
    // Two setup-page submissions at once must not both create an administrator.
    private static readonly SemaphoreSlim SetupLock = new(1, 1);

    public async Task<AdminBootstrap> EnsureAsync(CancellationToken cancellationToken)
    {
        // One query for the roles there are, rather than one per role: this runs on every start, in plain SQL, as the
        // other reads of a start do (PlainSqlReads).
        var existing = await db.Database.ReadColumnAsync("""SELECT "Name" FROM "AspNetRoles" WHERE "Name" IS NOT NULL""", cancellationToken);
        foreach (var role in StaffRoles.All.Except(existing))
        {
            await roles.CreateAsync(new IdentityRole(role!));
        }
        if (await db.Database.HasRowsAsync("AspNetUsers", cancellationToken))
        {
            return AdminBootstrap.AccountsExist;
        }

        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password))
        {
            return AdminBootstrap.SetupPageOpen;
        }
        var result = await CreateAsync(admin.Email.Trim(), "Administrator", admin.Password, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Admin:Email / Admin:Password cannot create the first administrator: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("Created the first administrator {Email} from configuration", admin.Email);
        return AdminBootstrap.CreatedFromConfiguration;
    }

    public async Task<bool> IsSetupOpenAsync(CancellationToken cancellationToken) => !await db.Users.AnyAsync(cancellationToken);

    /// <summary>The one-time setup page: succeeds only while the site has no account at all.</summary>
    public async Task<IdentityResult?> CreateThroughSetupAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        await SetupLock.WaitAsync(cancellationToken);
        try
        {
            if (!await IsSetupOpenAsync(cancellationToken))
            {
                return null;
            }
            return await CreateAsync(email, displayName, password, cancellationToken);
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private async Task<IdentityResult> CreateAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }
        await users.AddToRoleAsync(user, StaffRoles.Administrator);
        audit.Record(AuditActions.FirstAdministrator, email, actorName: email);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
