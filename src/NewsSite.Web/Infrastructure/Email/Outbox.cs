using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Email;

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
            Headers = message.Headers is { Count: > 0 } headers ? string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}")) : null,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        return row;
    }
}
