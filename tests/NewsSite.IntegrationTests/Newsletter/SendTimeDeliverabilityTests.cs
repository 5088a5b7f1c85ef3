using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>
/// The site with DKIM keys (RSA and Ed25519, made for the test in its own folder) and per-message return paths,
/// sending to a real SMTP server.
/// </summary>
public sealed class SignedMailFactory : SmtpSiteFactory, IAsyncLifetime
{
    public const string Domain = "news.test";

    public SignedMailFactory()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"newssite-dkim-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        RsaKeyFile = Path.Combine(folder, "rsa.pem");
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(RsaKeyFile, rsa.ExportRSAPrivateKeyPem());
        }
        Ed25519KeyFile = Path.Combine(folder, "ed25519.pem");
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        using var writer = new StreamWriter(Ed25519KeyFile);
        new PemWriter(writer).WriteObject(new Pkcs8Generator(generator.GenerateKeyPair().Private));
    }

    public string RsaKeyFile { get; }
    public string Ed25519KeyFile { get; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Smtp:From"] = $"The Paper <newsletter@{Domain}>",
        ["Smtp:ReturnPath"] = $"bounces@bounce.{Domain}",
        ["Smtp:Dkim:Domain"] = Domain,
        ["Smtp:Dkim:Selector"] = "rsa2026",
        ["Smtp:Dkim:PrivateKeyFile"] = RsaKeyFile,
        ["Smtp:Dkim:Ed25519Selector"] = "ed2026",
        ["Smtp:Dkim:Ed25519PrivateKeyFile"] = Ed25519KeyFile,
    };

    public Task InitializeAsync() => Smtp.StartAsync();

    Task IAsyncLifetime.DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(RsaKeyFile)!, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class DkimAndReturnPathTests(SignedMailFactory site) : IClassFixture<SignedMailFactory>
{
    /// <summary>Answers the verifier's DNS look-ups with the TXT records the site says to publish.</summary>
    private sealed class PublishedKeys(IReadOnlyList<KeyValuePair<string, string>> records) : DkimPublicKeyLocatorBase
    {
        public int LookUps { get; private set; }

        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            LookUps++;
            return GetPublicKey(records.Single(r => r.Key == $"{selector}._domainkey.{domain}").Value);
        }

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    private async Task<IReadOnlyList<bool>> VerifyAllAsync(MimeMessage message)
    {
        var records = site.Services.GetRequiredService<DkimSigning>().DnsRecords;
        var verifier = new DkimVerifier(new PublishedKeys(records));
        var results = new List<bool>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList())
        {
            results.Add(await verifier.VerifyAsync(message, header));
        }
        return results;
    }

    private static int IdFrom(HttpResponseMessage response) => int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

    [Fact]
    public async Task EveryMessage_CarriesRsaAndEd25519Signatures_ThatVerifyAgainstThePublishedKeys_AndFailWhenChanged()
    {
        var email = $"dkim-{Guid.NewGuid():n}@example.org";
        // Non-ASCII text, so the body is re-encoded for 7-bit transport: the signature must cover the bytes sent.
        await site.WithDbAsync(async (db, services) =>
        {
            services.GetRequiredService<Outbox>().Enqueue(new EmailMessage(email, "Zoë", "Signed café news", "<p>Crème brûlée — “quoted”</p>", "Crème brûlée — “quoted”", "confirmation"));
            await db.SaveChangesAsync();
            return true;
        });

        var received = await site.Smtp.WaitForAsync(email, "Signed café news");

        var signatures = received.Headers.Where(h => h.Id == HeaderId.DkimSignature).Select(h => h.Value).ToList();
        Assert.Equal(2, signatures.Count);
        Assert.Contains(signatures, s => s.Contains("a=rsa-sha256") && s.Contains("s=rsa2026") && s.Contains($"d={SignedMailFactory.Domain}"));
        Assert.Contains(signatures, s => s.Contains("a=ed25519-sha256") && s.Contains("s=ed2026"));
        Assert.All(signatures, s => Assert.Contains("c=relaxed/relaxed", s));
        Assert.All(signatures, s => Assert.Contains("h=from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post", s));
        Assert.Equal([true, true], await VerifyAllAsync(received));

        received.Subject = "Signed café news, changed on the way";
        Assert.Equal([false, false], await VerifyAllAsync(received));
    }

    [Fact]
    public async Task NewsletterIssue_BulkMessagesAreSigned_IncludingTheirOneClickUnsubscribeHeaders()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var story = await new ArticleBuilder().SaveAsync(site);
        var email = $"dkim-issue-{Guid.NewGuid():n}@example.org";
        await site.WithDbAsync(async db =>
        {
            var subscriber = new Subscriber { Email = email, Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New() };
            subscriber.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = DateTime.UtcNow });
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
        });
        var subject = $"Signed issue {Guid.NewGuid():n}";
        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save", [new("Subject", subject), new("ArticleIds", story.Id.ToString())], tokenFrom: "/admin/newsletters/new"));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/newsletters/{id}/send", [], tokenFrom: $"/admin/newsletters/{id}")).StatusCode);

        var received = await site.Smtp.WaitForAsync(email, subject, TimeSpan.FromSeconds(30));

        Assert.NotNull(received.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal([true, true], await VerifyAllAsync(received));
        received.Headers[HeaderId.ListUnsubscribe] = "<https://elsewhere.example/unsubscribe>";
        Assert.Equal([false, false], await VerifyAllAsync(received));
    }

    [Fact]
    public async Task EachMessage_GoesOutWithItsOwnSignedReturnPath_ThatNamesItsOutboxRow_AndAddsNoReturnPathHeader()
    {
        var email = $"verp-{Guid.NewGuid():n}@example.org";
        var row = await site.WithDbAsync(async (db, services) =>
        {
            var message = services.GetRequiredService<Outbox>().Enqueue(new EmailMessage(email, null, "Return path check", "<p>Hello</p>", "Hello", "confirmation"));
            await db.SaveChangesAsync();
            return message;
        });

        var received = await site.Smtp.WaitForAsync(email, "Return path check");

        var envelope = site.Smtp.EnvelopeSenderOf(received);
        Assert.NotNull(envelope);
        Assert.StartsWith($"bounces+m{row.Id}-", envelope);
        Assert.EndsWith($"@bounce.{SignedMailFactory.Domain}", envelope);
        Assert.Null(received.Headers[HeaderId.ReturnPath]);
        Assert.Equal($"newsletter@{SignedMailFactory.Domain}", received.From.Mailboxes.Single().Address);

        var returnPaths = site.Services.GetRequiredService<ReturnPaths>();
        Assert.Equal(row.Id, await returnPaths.MessageIdOfAsync(envelope, CancellationToken.None));
        var at = envelope.IndexOf('@');
        var forged = envelope[..(at - 1)] + (envelope[at - 1] == '0' ? '1' : '0') + envelope[at..];
        Assert.Null(await returnPaths.MessageIdOfAsync(forged, CancellationToken.None));
        Assert.Null(await returnPaths.MessageIdOfAsync(envelope.Replace($"+m{row.Id}-", $"+m{row.Id + 1}-"), CancellationToken.None));
    }
}

public sealed class DkimSettingsTests
{
    [Fact]
    public async Task DkimDomainWithoutAKey_StopsTheSiteAtStart_SayingWhichSettings()
    {
        await using var site = new NodeFactory(new Dictionary<string, string?> { ["Smtp:Dkim:Domain"] = "news.test", ["Smtp:Dkim:Selector"] = "s1" });
        _ = site.ConnectionString;

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => site.Services);

        Assert.Contains("Smtp:Dkim:Domain, Smtp:Dkim:Selector and Smtp:Dkim:PrivateKeyFile", refused.Message);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("an Ed25519 key")]
    public async Task DkimKeyFileThatIsNotAnRsaKey_StopsTheSiteAtStart(string content)
    {
        var file = Path.GetTempFileName();
        if (content == "an Ed25519 key")
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            await using var writer = new StreamWriter(file);
            new PemWriter(writer).WriteObject(new Pkcs8Generator(generator.GenerateKeyPair().Private));
        }
        else
        {
            await File.WriteAllTextAsync(file, content);
        }
        try
        {
            await using var site = new NodeFactory(new Dictionary<string, string?> { ["Smtp:Dkim:Domain"] = "news.test", ["Smtp:Dkim:Selector"] = "s1", ["Smtp:Dkim:PrivateKeyFile"] = file });
            _ = site.ConnectionString;

            var refused = Assert.ThrowsAny<OptionsValidationException>(() => site.Services);

            Assert.Contains("the private key cannot be read", refused.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
