using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Emails;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>
/// Queues mail in the caller's DbContext: it is committed by the caller's own SaveChanges, in the same transaction
/// as the change that caused it, and the <see cref="OutboxSender"/> delivers it afterwards.
/// </summary>
public sealed class Outbox(NewsDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(EmailMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            HtmlBody = message.HtmlBody,
            TextBody = message.TextBody,
            Kind = message.Kind,
            IsBulk = message.IsBulk,
            ContainsSecret = message.ContainsSecret,
            Headers = message.Headers is { Count: > 0 } headers ? HeaderLines(headers) : null,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>
    /// Stores a message shared by many recipients: subject, bodies and headers, each with <paramref name="placeholder"/>
    /// where a recipient's own value goes (rows point at it with TemplateId and carry that value in TemplateValue).
    /// </summary>
    public OutboxTemplate AddTemplate(string subject, string html, string text, string placeholder, IReadOnlyList<KeyValuePair<string, string>> headers, string? fromName = null)
    {
        var template = new OutboxTemplate
        {
            Subject = subject,
            HtmlBody = html,
            TextBody = text,
            Placeholder = placeholder,
            Headers = HeaderLines(headers),
            FromName = fromName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.OutboxTemplates.Add(template);
        return template;
    }

    /// <summary>
    /// Puts failed messages (of one kind, or all) back in the queue, due now, with their attempts counted afresh:
    /// for after the cause is mended (a full mailbox emptied, a relay's limit lifted). Returns how many.
    /// </summary>
    public Task<int> RetryFailedAsync(string? kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Outbox.Where(m => m.Status == OutboxStatus.Failed && (kind == null || m.Kind == kind))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
    }

    public Task<int> FailedCountAsync(CancellationToken cancellationToken) =>
        db.Outbox.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);

    private static string HeaderLines(IEnumerable<KeyValuePair<string, string>> headers) =>
        string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}"));
}
