using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>One recipient a report is about, and what it says happened to them.</summary>
public sealed record ReportedRecipient(string? Address, DeliveryEventKind Kind, string? Detail);

/// <summary>
/// What a message in the bounce mailbox reports, read from its MIME structure alone. <see cref="Recipients"/> is empty
/// for a report that is no bounce (a DSN saying "delayed" or "delivered"); <see cref="ReturnAddresses"/> are the
/// addresses it came to (where a signed return path would show); <see cref="OriginalMessageId"/> is the Message-Id
/// of the message it answers, when attached.
/// </summary>
public sealed record MailboxReport(
    DeliveryEventSource Source,
    IReadOnlyList<ReportedRecipient> Recipients,
    IReadOnlyList<string> ReturnAddresses,
    string? OriginalMessageId,
    string ReportMessageId);

/// <summary>
/// Reads RFC 3464 delivery status notifications (multipart/report; report-type=delivery-status) and RFC 5965 feedback
/// reports (report-type=feedback-report) with MimeKit's own types. Anything else (auto-replies, spam, a bounce in
/// prose) is no report: an operator looks at those.
/// </summary>
public static partial class DeliveryReports
{
    // Complaint kinds of RFC 5965 §7.3; "not-spam" and "auth-failure" reports are about other things.
    private static readonly HashSet<string> ComplaintTypes = new(StringComparer.OrdinalIgnoreCase) { "abuse", "fraud", "virus" };

    public static MailboxReport? Parse(MimeMessage message)
    {
        if (FindReport(message.Body) is not { } report)
        {
            return null;
        }
        var original = report.OfType<MessagePart>().Select(p => p.Message).FirstOrDefault(m => m is not null);
        var returnAddresses = ReturnAddressesOf(message, original);
        var reportId = ReportIdOf(message);
        if (string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase)
            && report.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } status)
        {
            // The first group is about the message; every other one about one recipient.
            var recipients = status.StatusGroups.Skip(1).Select(RecipientOf).OfType<ReportedRecipient>().ToList();
            return new MailboxReport(DeliveryEventSource.Dsn, recipients, returnAddresses, original?.MessageId, reportId);
        }
        if (string.Equals(report.ReportType, "feedback-report", StringComparison.OrdinalIgnoreCase)
            && report.OfType<MessageFeedbackReport>().FirstOrDefault() is { } feedback)
        {
            var type = feedback.Fields["Feedback-Type"]?.Trim();
            if (type is null || !ComplaintTypes.Contains(type))
            {
                return null;
            }
            var address = AddressIn(feedback.Fields["Original-Rcpt-To"]) ?? original?.To.Mailboxes.FirstOrDefault()?.Address;
            var detail = $"Feedback-Type: {type}" + (feedback.Fields["User-Agent"] is { } agent ? $" ({agent.Trim()})" : "");
            return new MailboxReport(DeliveryEventSource.Arf, [new ReportedRecipient(address, DeliveryEventKind.Complaint, detail)],
                returnAddresses, original?.MessageId, reportId);
        }
        return null;
    }

    /// <summary>The outbox row a Message-Id made by EmailComposer ("outbox-42.6389…@news.example") names, on this site.</summary>
    public static long? OutboxIdOf(string? messageId, string siteHost)
    {
        if (messageId is null || OutboxMessageId().Match(messageId) is not { Success: true } match
            || !string.Equals(match.Groups["host"].Value, siteHost, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static ReportedRecipient? RecipientOf(HeaderList group)
    {
        var action = group["Action"]?.Trim();
        // "delayed" is a warning that the server goes on trying; "delivered", "relayed" and "expanded" are no trouble.
        if (!string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var status = group["Status"]?.Trim();
        var kind = status is not null && status.StartsWith('4') ? DeliveryEventKind.SoftBounce : DeliveryEventKind.HardBounce;
        var diagnostic = group["Diagnostic-Code"] is { } code ? Unfold(code) : null;
        var address = AddressIn(group["Final-Recipient"]) ?? AddressIn(group["Original-Recipient"]);
        return new ReportedRecipient(address, kind, string.Join(" ", new[] { status, diagnostic }.Where(s => !string.IsNullOrEmpty(s))));
    }

    private static MultipartReport? FindReport(MimeEntity? entity) => entity switch
    {
        MultipartReport report => report,
        Multipart multipart => multipart.Select(FindReport).FirstOrDefault(r => r is not null),
        _ => null,
    };

    // Where the bounce was delivered (Delivered-To, X-Original-To: what the receiving server saw as the envelope
    // recipient), its To, and the original's Return-Path (feedback loops send to a fixed address, but quote it).
    private static List<string> ReturnAddressesOf(MimeMessage message, MimeMessage? original)
    {
        var addresses = message.Headers.Where(h => h.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase) || h.Field.Equals("X-Original-To", StringComparison.OrdinalIgnoreCase))
            .Select(h => AddressIn(h.Value))
            .Concat(message.To.Mailboxes.Select(m => m.Address))
            .Append(AddressIn(original?.Headers["Return-Path"]));
        return addresses.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    // Message-Ids tell reports apart when read twice; a report without one gets a digest of its bytes instead.
    private static string ReportIdOf(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.MessageId))
        {
            return message.MessageId;
        }
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

    /// <summary>"rfc822; someone@example.org", "&lt;someone@example.org&gt;" or a bare address, lower-cased; null for anything else.</summary>
    private static string? AddressIn(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        var value = field[(field.IndexOf(';') + 1)..].Trim().Trim('<', '>').Trim();
        return value.Length is > 2 and <= 254 && value.IndexOf('@') is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
            ? value.ToLowerInvariant()
            : null;
    }

    private static string Unfold(string value) => Whitespace().Replace(value, " ").Trim();

    [GeneratedRegex(@"^<?outbox-(?<id>\d{1,19})\.\d+@(?<host>[^>]+)>?$")]
    private static partial Regex OutboxMessageId();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
