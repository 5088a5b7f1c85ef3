using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Features.Newsletter.Delivery;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// Per-message return paths (VERP): with Smtp:ReturnPath "bounces@bounce.example.com", the message from outbox row 42
/// goes out with the envelope sender "bounces+m42-&lt;signature&gt;@bounce.example.com". A bounce comes back to that
/// address, so it names the message (and through it the issue and reader) even when the bounce itself says nothing
/// useful; the signature stops anyone suppressing a reader with a forged bounce.
/// </summary>
public sealed class ReturnPaths(SiteKeys keys, IOptions<SmtpOptions> smtp)
{
    // 12 hex digits (48 bits) of HMAC: plenty against guessing, and the local part stays short.
    private const int SignatureLength = 12;

    /// <summary>The configured bounce mailbox, or null when return paths are not per-message.</summary>
    public MailboxAddress? Base =>
        !string.IsNullOrWhiteSpace(smtp.Value.ReturnPath) && MailboxAddress.TryParse(smtp.Value.ReturnPath, out var address) ? address : null;

    /// <summary>The envelope sender for one outbox message; null when no Smtp:ReturnPath is configured.</summary>
    public async Task<MailboxAddress?> ForMessageAsync(long outboxMessageId, CancellationToken cancellationToken)
    {
        if (Base is not { } bounce)
        {
            return null;
        }
        var at = bounce.Address.LastIndexOf('@');
        var token = $"m{outboxMessageId}-{await SignAsync(outboxMessageId, cancellationToken)}";
        return new MailboxAddress("", $"{bounce.Address[..at]}+{token}{bounce.Address[at..]}");
    }

    /// <summary>The outbox message a return address names, when its signature holds; null for anything else.</summary>
    public async Task<long?> MessageIdOfAsync(string? address, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }
        var at = address.LastIndexOf('@');
        var plus = address.IndexOf('+');
        if (at < 0 || plus < 0 || plus > at)
        {
            return null;
        }
        var token = address[(plus + 1)..at];
        var dash = token.IndexOf('-');
        if (!token.StartsWith('m') || dash < 2 || !long.TryParse(token.AsSpan(1, dash - 1), out var id))
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(await SignAsync(id, cancellationToken));
        var given = Encoding.ASCII.GetBytes(token[(dash + 1)..].ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? id : null;
    }

    private async Task<string> SignAsync(long outboxMessageId, CancellationToken cancellationToken) =>
        (await keys.HashAsync($"return-path:{outboxMessageId}", cancellationToken))[..SignatureLength];
}
