using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>The name people read for a staff member ("Maya Patel"), not the email address they sign in with.</summary>
public static class StaffNames
{
    public static async Task<string> DisplayNameOfAsync(this NewsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? user.Identity?.Name ?? "" : name;
    }

    /// <summary>Display names of the given staff ids (those that still exist and have one).</summary>
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(this NewsDbContext db, IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisplayName != "")
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
