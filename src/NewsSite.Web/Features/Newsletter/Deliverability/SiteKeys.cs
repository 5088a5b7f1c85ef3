using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// The site's own secret for keyed hashes: signed return paths (so nobody can forge a bounce that suppresses someone
/// else) and the consent ledger's address hashes (so an erased reader leaves a tombstone, not an address). Made once,
/// kept in the database so every node shares it, and read once per process.
/// </summary>
public sealed class SiteKeys(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string MailKeyName = "mail-hmac";
    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    /// <summary>HMAC-SHA256 of <paramref name="value"/> under the site's key, as lower-case hex.</summary>
    public async Task<string> HashAsync(string value, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes(value)));

    /// <summary>The keyed hash of an address, the same for any spelling of its case or surrounding spaces.</summary>
    public Task<string> HashAddressAsync(string address, CancellationToken cancellationToken) =>
        HashAsync(address.Trim().ToLowerInvariant(), cancellationToken);

    /// <summary>Reads the key again at its next use: an import (PaperExport) has put the source site's key in its place.</summary>
    public void Forget() => key = null;

    public async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            return key;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            return key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var stored = await db.SiteSecrets.AsNoTracking().Where(s => s.Name == MailKeyName).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return Convert.FromBase64String(stored);
        }
        db.SiteSecrets.Add(new SiteSecret { Name = MailKeyName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node made it first: use that one.
            db.ChangeTracker.Clear();
        }
        return Convert.FromBase64String(await db.SiteSecrets.AsNoTracking().Where(s => s.Name == MailKeyName).Select(s => s.Value).FirstAsync(cancellationToken));
    }
}
