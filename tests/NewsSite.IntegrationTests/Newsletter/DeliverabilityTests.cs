using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>
/// A site sending as newsletter@paper.test, signing with the key in <c>keyFile</c>, asking the given DNS server; its
/// one-click unsubscribe check reaches the site's own pipeline (as it reaches Site:BaseUrl over the network in production).
/// </summary>
public sealed class DeliverabilitySite(string dnsServer, string keyFile) : NewsSiteFactory
{
    public const string Selector = "news2026";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = NewsroomFactory.AdminEmail,
        ["Admin:Password"] = NewsroomFactory.AdminPassword,
        ["Smtp:From"] = "The Paper <newsletter@paper.test>",
        ["Smtp:ReturnPath"] = "bounces@bounce.paper.test",
        ["Smtp:Dkim:Domain"] = "paper.test",
        ["Smtp:Dkim:Selector"] = Selector,
        ["Smtp:Dkim:PrivateKeyFile"] = keyFile,
        ["Deliverability:DnsServer"] = dnsServer,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(DeliverabilityCheck.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
    }
}

public sealed class DeliverabilityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("newssite-dkim-").FullName;

    private static readonly string[] AllChecks = ["SPF", "DKIM record", "DKIM alignment", "DMARC", "Return path", "One-click unsubscribe", "Postal address"];

    [SkippableFact]
    public async Task WithGoodRecords_EveryCheckPasses()
    {
        var (keyFile, publicKey) = NewKey();
        await using var dns = await DnsmasqServer.StartAsync(
        [
            ("paper.test", "v=spf1 include:_spf.mailer.test ~all"),
            ($"{DeliverabilitySite.Selector}._domainkey.paper.test", $"v=DKIM1; k=rsa; p={publicKey}"),
            ("_dmarc.paper.test", "v=DMARC1; p=reject; rua=mailto:dmarc@paper.test"),
        ]);
        await using var site = new DeliverabilitySite(dns.Address, keyFile);
        await SetPostalAddressAsync(site);

        var checks = await ChecksAsync(site);

        Assert.Equal(AllChecks, checks.Keys);
        Assert.All(checks, c => Assert.True(c.Value.Status == "Pass", $"{c.Key}: {c.Value.Status} — {c.Value.Finding}"));
        Assert.Contains("include:_spf.mailer.test", checks["SPF"].Finding);
    }

    [SkippableFact]
    public async Task WithNoDmarcAndAnotherDkimKey_ThoseFailWithAdvice_AndTheRestPass()
    {
        var (keyFile, publicKey) = NewKey();
        var (_, otherKey) = NewKey();
        await using var dns = await DnsmasqServer.StartAsync(
        [
            ("paper.test", "v=spf1 include:_spf.mailer.test -all"),
            ($"{DeliverabilitySite.Selector}._domainkey.paper.test", $"v=DKIM1; k=rsa; p={otherKey}"),
        ]);
        await using var site = new DeliverabilitySite(dns.Address, keyFile);
        await SetPostalAddressAsync(site);

        var checks = await ChecksAsync(site);

        Assert.Equal("Fail", checks["DMARC"].Status);
        Assert.Equal("Publish this TXT record at _dmarc.paper.test: v=DMARC1; p=none; rua=mailto:dmarc-reports@paper.test (then move to p=quarantine once the reports look clean).", checks["DMARC"].Advice);
        Assert.Equal("Fail", checks["DKIM record"].Status);
        Assert.Equal($"Publish this TXT record at {DeliverabilitySite.Selector}._domainkey.paper.test: v=DKIM1; k=rsa; p={publicKey}", checks["DKIM record"].Advice);
        Assert.All(checks.Where(c => c.Key is not ("DMARC" or "DKIM record")), c => Assert.True(c.Value.Status == "Pass", $"{c.Key}: {c.Value.Status} — {c.Value.Finding}"));
    }

    [SkippableFact]
    public async Task WithNoPostalAddressAndAWeakDmarcPolicy_SaysSo()
    {
        var (keyFile, publicKey) = NewKey();
        await using var dns = await DnsmasqServer.StartAsync(
        [
            ("paper.test", "v=spf1 include:_spf.mailer.test ~all"),
            ("paper.test", "v=spf1 ip4:192.0.2.1 ~all"),
            ($"{DeliverabilitySite.Selector}._domainkey.paper.test", $"v=DKIM1; k=rsa; p={publicKey}"),
            ("_dmarc.paper.test", "v=DMARC1; p=none"),
        ]);
        await using var site = new DeliverabilitySite(dns.Address, keyFile);

        var checks = await ChecksAsync(site);

        Assert.Equal("Fail", checks["Postal address"].Status);
        Assert.Contains("/admin/settings", checks["Postal address"].Advice);
        Assert.Equal("Warning", checks["DMARC"].Status);
        Assert.Equal("Fail", checks["SPF"].Status);
        Assert.Contains("2 SPF records", checks["SPF"].Finding);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private (string File, string PublicKey) NewKey()
    {
        using var rsa = RSA.Create(2048);
        var file = Path.Combine(folder, $"dkim-{Guid.NewGuid():n}.pem");
        File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
        return (file, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    private static Task SetPostalAddressAsync(NewsSiteFactory site) => site.WithDbAsync(async db =>
    {
        var settings = await db.Set<SiteSettings>().FirstOrDefaultAsync(s => s.Id == SiteSettings.SingletonId);
        if (settings is null)
        {
            settings = new SiteSettings();
            db.Add(settings);
        }
        settings.PostalAddress = "1 Printing House Square\nLondon EC4";
        await db.SaveChangesAsync();
    });

    private static async Task<Dictionary<string, (string Status, string Finding, string Advice)>> ChecksAsync(NewsSiteFactory site)
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var page = Html.Parse(await admin.GetStringAsync("/admin/newsletters/deliverability"));
        return page.QuerySelectorAll("tr[data-check]").ToDictionary(
            row => row.GetAttribute("data-check")!,
            row => (row.GetAttribute("data-status")!, row.QuerySelectorAll("td")[1].TextContent.Trim(), row.QuerySelector("td.advice")!.TextContent.Trim()));
    }
}
