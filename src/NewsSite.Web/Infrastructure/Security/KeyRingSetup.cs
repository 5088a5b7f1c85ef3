using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// The data-protection key ring signs and encrypts sign-in cookies, form tokens and kept forms, so every node that
/// serves the site must read the same ring, and it must outlive restarts and redeploys. Where it lives is the seam:
/// ASP.NET Core's own <see cref="IXmlRepository"/>. Today: the database every node already shares, so one backup holds
/// everything and a second node needs no shared folder for it (<see cref="DatabaseKeyRepository"/>).
/// </summary>
public static class KeyRingSetup
{
    public static WebApplicationBuilder AddNewsKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("NewsSite");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseKeyRepository(services.GetRequiredService<IServiceScopeFactory>(),
                services.GetRequiredService<ILogger<DatabaseKeyRepository>>())));
        builder.Services.AddSingleton<KeyRing>();
        StartupWarmUp.Queue(LoadAlgorithms);
        return builder;
    }

    /// <summary>
    /// The ring's algorithms (AES-256-CBC with HMAC-SHA256, through OpenSSL) each cost tens of milliseconds the first
    /// time a process uses them. Their first real use is the ring's load as the host starts, after the database's
    /// start-up work and before the server listens, so they are loaded here, ahead, on the idle core.
    /// </summary>
    private static void LoadAlgorithms()
    {
        using var aes = Aes.Create();
        aes.Key = RandomNumberGenerator.GetBytes(32);
        using var encryptor = aes.CreateEncryptor();
        encryptor.TransformFinalBlock(new byte[16], 0, 16);
        HMACSHA256.HashData(aes.Key, new byte[16]);
    }
}

/// <summary>The start-up work on the ring, done by one node at a time (under the start-up lease).</summary>
public sealed class KeyRing(IKeyManager keys, DataPaths paths, TimeProvider clock, ILogger<KeyRing> logger)
{
    // Keys live 90 days (ASP.NET Core's default); a new one is made in good time before the default key expires.
    private static readonly TimeSpan KeyLife = TimeSpan.FromDays(90);

    /// <summary>
    /// Brings in the keys of a site that kept them in files (its data folder's <c>keys</c>), so an upgrade signs nobody
    /// out, then makes sure an active key exists: nodes that start together must not each make their own first key.
    /// </summary>
    public async Task EnsureAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(paths.DataDirectory, "keys");
        if (Directory.Exists(folder) && !await db.Database.HasRowsAsync("DataProtectionKeys", cancellationToken))
        {
            var files = Directory.GetFiles(folder, "key-*.xml");
            foreach (var file in files)
            {
                db.DataProtectionKeys.Add(new DataProtectionKey
                {
                    FriendlyName = Path.GetFileNameWithoutExtension(file),
                    Xml = await File.ReadAllTextAsync(file, cancellationToken),
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            if (files.Length > 0)
            {
                logger.LogInformation("Moved {Count} data-protection keys from {KeyFolder} into the database; the folder is no longer read " +
                    "and can be deleted once a backup of the database exists", files.Length, folder);
            }
        }

        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now.AddDays(7)))
        {
            keys.CreateNewKey(now, now + KeyLife);
            logger.LogInformation("Created the site's data-protection key; it signs sign-in cookies and form tokens on every node");
        }
    }
}
