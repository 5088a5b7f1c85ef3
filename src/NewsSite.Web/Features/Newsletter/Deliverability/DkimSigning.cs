using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using NewsSite.Web.Infrastructure;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// Signs outgoing mail with DKIM (RSA-SHA256, and Ed25519-SHA256 as a second signature when configured), with keys
/// loaded once. A message is prepared for 7-bit transport before it is signed, so no later step (MailKit re-encodes
/// 8-bit parts for servers without 8BITMIME) changes the bytes the signature covers.
/// </summary>
public sealed class DkimSigning
{
    /// <summary>
    /// The headers signed. List-Unsubscribe and its -Post are signed so nobody on the way can point one-click
    /// unsubscribe elsewhere (Gmail and Yahoo ask for it); a header a message lacks is signed as absent, so it
    /// cannot be added later either.
    /// </summary>
    public static readonly string[] SignedHeaders = ["From", "To", "Subject", "Date", "Message-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private readonly DkimSigner[] signers;

    public DkimSigning(IOptions<DkimOptions> options, DataPaths paths, ILogger<DkimSigning> logger)
    {
        var dkim = options.Value;
        if (!dkim.Enabled)
        {
            signers = [];
            DnsRecords = [];
            return;
        }
        var domain = dkim.Domain!.Trim();
        var rsa = LoadRsa(paths.Resolve(dkim.PrivateKeyFile!));
        List<DkimSigner> list = [Configure(new NativeRsaDkimSigner(rsa, domain, dkim.Selector!.Trim()))];
        List<KeyValuePair<string, string>> records = [new($"{dkim.Selector!.Trim()}._domainkey.{domain}", RsaRecord(rsa))];
        if (!string.IsNullOrWhiteSpace(dkim.Ed25519Selector))
        {
            var ed25519 = LoadEd25519(paths.Resolve(dkim.Ed25519PrivateKeyFile!));
            list.Add(Configure(new DkimSigner(ed25519, domain, dkim.Ed25519Selector.Trim(), DkimSignatureAlgorithm.Ed25519Sha256)));
            records.Add(new($"{dkim.Ed25519Selector.Trim()}._domainkey.{domain}", Ed25519Record(ed25519)));
        }
        signers = [.. list];
        DnsRecords = records;
        foreach (var (name, record) in records)
        {
            // Public keys, not secrets: what the operator must publish for receivers to verify the signatures.
            logger.LogInformation("DKIM signing as {Domain}; receivers look up the TXT record {Name}: \"{Record}\"", domain, name, record);
        }
    }

    public bool Enabled => signers.Length > 0;

    /// <summary>Each selector's DNS name and the TXT record to publish there.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DnsRecords { get; }

    /// <summary>Adds the DKIM-Signature headers; the message must not change afterwards.</summary>
    public void Sign(MimeMessage message)
    {
        if (signers.Length == 0)
        {
            return;
        }
        message.Prepare(EncodingConstraint.SevenBit);
        foreach (var signer in signers)
        {
            signer.Sign(message, SignedHeaders);
        }
    }

    /// <summary>Reads an RSA private key (PKCS#1 or PKCS#8 PEM); throws with the reason when it cannot.</summary>
    public static RSA LoadRsa(string path)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidDataException($"{path} holds no RSA private key in PEM.", exception);
        }
        if (rsa.KeySize < 1024)
        {
            // Receivers ignore signatures by shorter keys (RFC 8301).
            throw new InvalidDataException($"{path} holds a {rsa.KeySize}-bit RSA key; use 2048 bits.");
        }
        return rsa;
    }

    /// <summary>Reads an Ed25519 private key (PKCS#8 PEM); throws with the reason when it cannot.</summary>
    public static Ed25519PrivateKeyParameters LoadEd25519(string path)
    {
        using var reader = new StreamReader(path);
        var read = new PemReader(reader).ReadObject();
        return (read is AsymmetricCipherKeyPair pair ? pair.Private : read) as Ed25519PrivateKeyParameters
            ?? throw new InvalidDataException($"{path} holds no Ed25519 private key in PEM.");
    }

    /// <summary>The TXT record for an RSA key: its public key as SubjectPublicKeyInfo, as <c>openssl rsa -pubout</c> gives it.</summary>
    public static string RsaRecord(RSA rsa) => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}";

    /// <summary>The TXT record for an Ed25519 key: the raw 32-byte public key (RFC 8463).</summary>
    public static string Ed25519Record(Ed25519PrivateKeyParameters key) =>
        $"v=DKIM1; k=ed25519; p={Convert.ToBase64String(key.GeneratePublicKey().GetEncoded())}";

    private static DkimSigner Configure(DkimSigner signer)
    {
        signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        return signer;
    }

    /// <summary>
    /// MimeKit's signer with the RSA operation done by the platform (OpenSSL) instead of BouncyCastle's managed
    /// arithmetic, which is several times slower: at a thousand messages a second the signature is most of the cost.
    /// </summary>
    private sealed class NativeRsaDkimSigner(RSA rsa, string domain, string selector)
        : DkimSigner(DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true)).Private, domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        protected override ISigner CreateSigningContext() => new NativeRsaSigner(rsa);
    }

    // RSA's OpenSSL key handle serves concurrent SignHash calls; the hash is per signature.
    private sealed class NativeRsaSigner(RSA rsa) : ISigner
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA-256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
        }

        public void Update(byte input) => hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => hash.AppendData(input);

        public int GetMaxSignatureSize() => rsa.KeySize / 8;

        public byte[] GenerateSignature() => rsa.SignHash(hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public bool VerifySignature(byte[] signature) =>
            rsa.VerifyHash(hash.GetHashAndReset(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        public void Reset() => hash.GetHashAndReset();
    }
}

/// <summary>Start-up check of Smtp:Dkim: the settings that belong together are set together, and each key file reads.</summary>
public sealed class DkimOptionsValidation(DataPaths paths) : IValidateOptions<DkimOptions>
{
    public ValidateOptionsResult Validate(string? name, DkimOptions options)
    {
        var rsaParts = new[] { options.Domain, options.Selector, options.PrivateKeyFile }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (rsaParts is not (0 or 3))
        {
            return ValidateOptionsResult.Fail("Smtp:Dkim:Domain, Smtp:Dkim:Selector and Smtp:Dkim:PrivateKeyFile are set together or not at all.");
        }
        var edParts = new[] { options.Ed25519Selector, options.Ed25519PrivateKeyFile }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (edParts == 1 || (edParts == 2 && rsaParts == 0))
        {
            return ValidateOptionsResult.Fail("Smtp:Dkim:Ed25519Selector and Smtp:Dkim:Ed25519PrivateKeyFile are set together, beside the RSA key (receivers that do not know Ed25519 need the RSA signature).");
        }
        try
        {
            if (rsaParts == 3)
            {
                DkimSigning.LoadRsa(paths.Resolve(options.PrivateKeyFile!)).Dispose();
            }
            if (edParts == 2)
            {
                DkimSigning.LoadEd25519(paths.Resolve(options.Ed25519PrivateKeyFile!));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or InvalidCastException or Org.BouncyCastle.Crypto.CryptoException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return ValidateOptionsResult.Fail($"Smtp:Dkim: the private key cannot be read: {exception.Message}");
        }
        return ValidateOptionsResult.Success;
    }
}
