using System.Net;
using System.Security.Cryptography;
using DnsClient;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

public enum CheckStatus
{
    Pass,
    Warning,
    Fail,
}

/// <summary>One line of the check: what was looked at, what was found, and what to do about it (null when nothing).</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Finding, string? Advice = null);

/// <summary>
/// Looks at what mailbox providers look at before they trust bulk mail (Gmail's and Yahoo's sender rules): SPF, DKIM
/// and DMARC records of the sending domain, DKIM alignment with From, the return path's domain, one-click
/// unsubscribe answering, and a postal address in the emails. Reads DNS live each time: records change outside the site.
/// </summary>
public sealed class DeliverabilityCheck(
    IOptions<SmtpOptions> smtp,
    IOptions<DkimOptions> dkim,
    IOptions<DeliverabilityOptions> options,
    IOptions<Infrastructure.SiteOptions> site,
    CurrentSite currentSite,
    IHttpClientFactory httpClients,
    IHostEnvironment environment,
    ILogger<DeliverabilityCheck> logger)
{
    public const string HttpClientName = "deliverability";

    // A token no subscriber holds: the endpoint must answer it as unknown, without a cookie or a form token.
    private const string UnknownTokenAnswer = "This unsubscribe link is not valid";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var from = MailboxAddress.TryParse(smtp.Value.From, out var parsed) ? parsed.Address : smtp.Value.From;
        var domain = DomainOf(from);
        var dns = Resolver();
        var results = new List<CheckResult>
        {
            await SpfAsync(dns, domain, cancellationToken),
            await DkimRecordAsync(dns, cancellationToken),
            DkimAlignment(domain),
            await DmarcAsync(dns, domain, cancellationToken),
            ReturnPathAlignment(domain),
            await UnsubscribeAsync(cancellationToken),
            await PostalAddressAsync(cancellationToken),
        };
        return results;
    }

    private async Task<CheckResult> SpfAsync(LookupClient dns, string domain, CancellationToken cancellationToken)
    {
        const string name = "SPF";
        var advice = $"Publish this TXT record at {domain}: v=spf1 include:<your mail provider's SPF domain> ~all";
        var (records, error) = await TxtAsync(dns, domain, cancellationToken);
        if (error is not null)
        {
            return new CheckResult(name, CheckStatus.Warning, error, "Check the DNS server answers, then look again.");
        }
        var spf = records.Where(r => r.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase)).ToList();
        if (spf.Count == 0)
        {
            return new CheckResult(name, CheckStatus.Fail, $"No SPF record at {domain}.", advice);
        }
        if (spf.Count > 1)
        {
            return new CheckResult(name, CheckStatus.Fail, $"{spf.Count} SPF records at {domain}; receivers treat that as an error.",
                $"Merge them into one TXT record at {domain} that starts with v=spf1.");
        }
        var record = spf[0];
        var terms = record.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var senders = terms.Skip(1).Where(t => !t.EndsWith("all", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("redirect=", StringComparison.OrdinalIgnoreCase)).ToList();
        var authorises = senders.Count > 0 || terms.Any(t => t.StartsWith("redirect=", StringComparison.OrdinalIgnoreCase));
        var ending = terms[^1].ToLowerInvariant();
        if (ending is "+all" or "all")
        {
            return new CheckResult(name, CheckStatus.Fail, $"\"{record}\" lets any server on the internet send as {domain}.", $"End the record with ~all or -all: {advice}");
        }
        if (ending is not ("~all" or "-all") && !terms.Any(t => t.StartsWith("redirect=", StringComparison.OrdinalIgnoreCase)))
        {
            return new CheckResult(name, CheckStatus.Warning, $"\"{record}\" does not end with ~all or -all, so it protects nothing.", $"End the record with ~all (or -all once you are sure): {advice}");
        }
        if (!authorises)
        {
            return new CheckResult(name, CheckStatus.Warning, $"\"{record}\" authorises no server at all.", advice);
        }
        return new CheckResult(name, CheckStatus.Pass, $"\"{record}\" at {domain} authorises {string.Join(", ", senders)}.");
    }

    private async Task<CheckResult> DkimRecordAsync(LookupClient dns, CancellationToken cancellationToken)
    {
        const string name = "DKIM record";
        var settings = dkim.Value;
        if (string.IsNullOrWhiteSpace(settings.Domain) || string.IsNullOrWhiteSpace(settings.Selector) || string.IsNullOrWhiteSpace(settings.PrivateKeyFile))
        {
            return new CheckResult(name, CheckStatus.Fail, "The site does not sign its email with DKIM.",
                "Set Smtp:Dkim:Domain, Smtp:Dkim:Selector and Smtp:Dkim:PrivateKeyFile (a PEM file made with `openssl genrsa -out dkim.pem 2048`), then publish the record this page shows.");
        }
        var host = $"{settings.Selector}._domainkey.{settings.Domain}";
        var publicKey = PublicKeyOf(settings.PrivateKeyFile);
        var record = publicKey is null ? null : $"v=DKIM1; k=rsa; p={publicKey}";
        var advice = record is null ? $"Publish the public half of your key as a TXT record at {host}." : $"Publish this TXT record at {host}: {record}";
        var (records, error) = await TxtAsync(dns, host, cancellationToken);
        if (error is not null)
        {
            return new CheckResult(name, CheckStatus.Warning, error, "Check the DNS server answers, then look again.");
        }
        var published = records.FirstOrDefault(r => r.Contains("p=", StringComparison.Ordinal));
        if (published is null)
        {
            return new CheckResult(name, CheckStatus.Fail, $"No DKIM key at {host}.", advice);
        }
        if (publicKey is null)
        {
            return new CheckResult(name, CheckStatus.Warning, $"A key is published at {host}, but the private key file {settings.PrivateKeyFile} could not be read as an RSA key to compare it with.",
                "Check Smtp:Dkim:PrivateKeyFile points to the PEM file the site signs with.");
        }
        var tags = Tags(published);
        var given = new string((tags.GetValueOrDefault("p") ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        return given == publicKey
            ? new CheckResult(name, CheckStatus.Pass, $"The key at {host} matches the site's private key.")
            : new CheckResult(name, CheckStatus.Fail, $"The key at {host} is not the public half of the site's private key: receivers will reject the signatures.", advice);
    }

    private CheckResult DkimAlignment(string fromDomain)
    {
        const string name = "DKIM alignment";
        var signing = dkim.Value.Domain?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(signing))
        {
            return new CheckResult(name, CheckStatus.Fail, "No DKIM signing domain (Smtp:Dkim:Domain), so nothing aligns with From for DMARC.", $"Sign as {fromDomain}: set Smtp:Dkim:Domain to {fromDomain}.");
        }
        return Aligned(signing, fromDomain)
            ? new CheckResult(name, CheckStatus.Pass, $"Signatures name d={signing}, which aligns with the From domain {fromDomain}.")
            : new CheckResult(name, CheckStatus.Fail, $"Signatures name d={signing}, but mail is from {fromDomain}: DMARC ignores a signature that does not align.",
                $"Set Smtp:Dkim:Domain to {fromDomain} (or a parent of it) and publish the key there.");
    }

    private async Task<CheckResult> DmarcAsync(LookupClient dns, string domain, CancellationToken cancellationToken)
    {
        const string name = "DMARC";
        var host = $"_dmarc.{domain}";
        var advice = $"Publish this TXT record at {host}: v=DMARC1; p=none; rua=mailto:dmarc-reports@{domain} (then move to p=quarantine once the reports look clean).";
        var (records, error) = await TxtAsync(dns, host, cancellationToken);
        if (error is not null)
        {
            return new CheckResult(name, CheckStatus.Warning, error, "Check the DNS server answers, then look again.");
        }
        var record = records.FirstOrDefault(r => r.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase));
        if (record is null)
        {
            return new CheckResult(name, CheckStatus.Fail, $"No DMARC record at {host}: Gmail and Yahoo require one of bulk senders.", advice);
        }
        var tags = Tags(record);
        var policy = tags.GetValueOrDefault("p")?.ToLowerInvariant();
        var problems = new List<string>();
        if (policy is not ("quarantine" or "reject"))
        {
            problems.Add(policy == "none" ? "p=none only watches: forged mail in your name is still delivered" : $"the policy p={policy ?? "(missing)"} is not one receivers know");
        }
        if (!tags.ContainsKey("rua"))
        {
            problems.Add("no rua= address, so nobody receives the aggregate reports");
        }
        return problems.Count == 0
            ? new CheckResult(name, CheckStatus.Pass, $"\"{record}\" at {host}.")
            : new CheckResult(name, CheckStatus.Warning, $"\"{record}\" at {host}: {string.Join("; ", problems)}.",
                $"Once reports show your mail passes, publish at {host}: v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@{domain}");
    }

    private CheckResult ReturnPathAlignment(string fromDomain)
    {
        const string name = "Return path";
        if (string.IsNullOrWhiteSpace(smtp.Value.ReturnPath))
        {
            return new CheckResult(name, CheckStatus.Warning, "No Smtp:ReturnPath: bounces go back to the From address and are not read.",
                $"Set Smtp:ReturnPath to a bounce mailbox such as bounces@bounce.{fromDomain}, and BounceMailbox:* so the site reads it.");
        }
        var returnDomain = DomainOf(smtp.Value.ReturnPath);
        return Aligned(returnDomain, fromDomain) || Aligned(fromDomain, returnDomain)
            ? new CheckResult(name, CheckStatus.Pass, $"Bounces go to {returnDomain}, which aligns with {fromDomain} (publish an SPF record there too).")
            : new CheckResult(name, CheckStatus.Warning, $"Bounces go to {returnDomain}, which does not align with {fromDomain}: SPF cannot count for DMARC, only DKIM can.",
                $"Use a bounce domain under {fromDomain}, such as bounce.{fromDomain}.");
    }

    private async Task<CheckResult> UnsubscribeAsync(CancellationToken cancellationToken)
    {
        const string name = "One-click unsubscribe";
        var url = QueryHelpers.AddQueryString(new Uri(new Uri(site.Value.BaseUrl.TrimEnd('/') + "/"), SiteUrls.NewsletterUnsubscribe.TrimStart('/')).ToString(),
            "token", "deliverability-check-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        var advice = $"Mail clients POST to {SiteUrls.NewsletterUnsubscribe} with no cookie and no form token (RFC 8058): make sure Site:BaseUrl is the public address and that proxies pass such POSTs through.";
        try
        {
            // As a mail client does it: a plain POST of the one-click body, nothing else.
            using var content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(url, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.NotFound && body.Contains(UnknownTokenAnswer, StringComparison.Ordinal)
                ? new CheckResult(name, CheckStatus.Pass, $"A POST to {SiteUrls.NewsletterUnsubscribe} at {site.Value.BaseUrl} answered as it should for an unknown link.")
                : new CheckResult(name, CheckStatus.Fail, $"A POST to {SiteUrls.NewsletterUnsubscribe} at {site.Value.BaseUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}, not the site's answer to an unknown link.", advice);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(exception, "The one-click unsubscribe check could not reach {BaseUrl}", site.Value.BaseUrl);
            return new CheckResult(name, CheckStatus.Fail, $"{site.Value.BaseUrl} could not be reached: {exception.Message}", advice);
        }
    }

    private async Task<CheckResult> PostalAddressAsync(CancellationToken cancellationToken)
    {
        const string name = "Postal address";
        var identity = await currentSite.GetAsync(cancellationToken);
        return identity.PostalAddress is { } address
            ? new CheckResult(name, CheckStatus.Pass, $"Every email carries the paper's postal address ({address.ReplaceLineEndings(", ")}).")
            : new CheckResult(name, CheckStatus.Fail, "No postal address: the law (CAN-SPAM) and the big mailbox providers require one in every bulk email.",
                $"Add the paper's postal address in Settings ({AdminUrls.Settings}).");
    }

    private LookupClient Resolver()
    {
        var settings = options.Value;
        var lookup = settings.DnsEndPoint() is { } server ? new LookupClientOptions(server) : new LookupClientOptions();
        lookup.UseCache = false;
        lookup.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        lookup.Retries = 1;
        return new LookupClient(lookup);
    }

    /// <summary>The TXT records at a name (each one's strings joined, as receivers read them), or why they could not be read.</summary>
    private async Task<(IReadOnlyList<string> Records, string? Error)> TxtAsync(LookupClient dns, string host, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dns.QueryAsync(host, QueryType.TXT, QueryClass.IN, cancellationToken);
            // A name that does not exist (or a server that knows nothing of it) simply has no records.
            return (response.Answers.TxtRecords().Select(r => string.Concat(r.Text)).ToList(), null);
        }
        catch (DnsResponseException exception)
        {
            logger.LogWarning(exception, "Looking up TXT records at {Host} failed", host);
            return ([], $"Looking up {host} failed: {exception.Message}");
        }
    }

    private string? PublicKeyOf(string file)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(Path.Combine(environment.ContentRootPath, file)));
            return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            logger.LogWarning(exception, "The DKIM private key file could not be read as an RSA key");
            return null;
        }
    }

    private static Dictionary<string, string> Tags(string record) => record.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(t => t.Split('=', 2, StringSplitOptions.TrimEntries)).Where(t => t.Length == 2)
        .GroupBy(t => t[0].ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1]);

    private static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].Trim().TrimEnd('>', '.').ToLowerInvariant();

    // Relaxed alignment, as far as it can be told without the public suffix list: the same domain, or a parent of it.
    private static bool Aligned(string signing, string from) => from == signing || from.EndsWith("." + signing, StringComparison.Ordinal);
}
