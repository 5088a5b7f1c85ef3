using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// DKIM signing of every outgoing message (Smtp:Dkim). Off while Domain is empty. The private keys are PEM files
/// outside the repository; their DNS records are in <see cref="DkimSigning.DnsRecords"/>.
/// </summary>
public sealed class DkimOptions
{
    public const string SectionName = "Smtp:Dkim";

    /// <summary>The signing domain (d=), which should be the From address's domain or a parent of it, for DMARC alignment.</summary>
    [StringLength(253)]
    public string? Domain { get; set; }

    /// <summary>The RSA key's selector (s=): its public key is published at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
    [StringLength(63)]
    public string? Selector { get; set; }

    /// <summary>An RSA private key (2048 bits or more) as PEM; a relative path is from the content root.</summary>
    [StringLength(1000)]
    public string? PrivateKeyFile { get; set; }

    /// <summary>Optional second signature (RFC 8463): an Ed25519 key's selector, beside the RSA one.</summary>
    [StringLength(63)]
    public string? Ed25519Selector { get; set; }

    /// <summary>The Ed25519 private key as PKCS#8 PEM (<c>openssl genpkey -algorithm ed25519</c>).</summary>
    [StringLength(1000)]
    public string? Ed25519PrivateKeyFile { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain);
}
