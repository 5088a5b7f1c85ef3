using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Identity;

/// <summary>
/// Keeps staff sessions in the database; the cookie holds only a session key. Signing out deletes the row, so the
/// cookie is worthless afterwards (a self-contained cookie stayed valid for hours), and every node sees the same rows.
/// </summary>
public sealed class StaffSessionStore(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock) : ITicketStore
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var connection = http.HttpContext;
        await WithDbAsync(async db =>
        {
            // Expired sessions go as new ones arrive: an index makes it cheap, and no timer is needed.
            await db.StaffSessions.Where(s => s.ExpiresAt < Now).ExecuteDeleteAsync();
            db.StaffSessions.Add(new StaffSession
            {
                Id = key,
                UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                Ticket = TicketSerializer.Default.Serialize(ticket),
                CreatedAt = Now,
                LastSeenAt = Now,
                ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
                IpAddress = connection?.Connection.RemoteIpAddress?.ToString(),
                UserAgent = Shorten(connection?.Request.Headers.UserAgent.ToString(), 300),
            });
            await db.SaveChangesAsync();
        });
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        return WithDbAsync(db => db.StaffSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.LastSeenAt, Now)));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var row = await WithDbAsync(db => db.StaffSessions.AsNoTracking().Where(s => s.Id == key)
            .Select(s => new { s.Ticket, s.ExpiresAt }).FirstOrDefaultAsync());
        return row is null || row.ExpiresAt < Now ? null : TicketSerializer.Default.Deserialize(row.Ticket);
    }

    public Task RemoveAsync(string key) =>
        WithDbAsync(db => db.StaffSessions.Where(s => s.Id == key).ExecuteDeleteAsync());

    private async Task WithDbAsync(Func<NewsDbContext, Task> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    private async Task<T> WithDbAsync<T>(Func<NewsDbContext, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    private static string? Shorten(string? value, int max) => value is { Length: > 0 } ? value[..Math.Min(value.Length, max)] : null;
}

/// <summary>Ending sessions on purpose: "sign out everywhere", and an account being disabled.</summary>
public static class StaffSessions
{
    public static Task<int> EndAllAsync(this NewsDbContext db, string userId, CancellationToken cancellationToken) =>
        db.StaffSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
