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
            IsBulk = message.IsBulk,
            Headers = message.Headers is { Count: > 0 } headers ? string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}")) : null,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Stores a body shared by many messages; pass it to <see cref="EnqueueTemplated"/>.</summary>
    public OutboxTemplate AddTemplate(string subject, string html, string text, string placeholder)
    {
        var template = new OutboxTemplate { Subject = subject, HtmlBody = html, TextBody = text, Placeholder = placeholder, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.OutboxTemplates.Add(template);
        return template;
    }

    /// <summary>Queues one bulk message that uses a shared body, personalised with <paramref name="value"/>.</summary>
    public void EnqueueTemplated(OutboxTemplate template, string toAddress, string value, string kind, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            ToAddress = toAddress,
            Subject = template.Subject,
            HtmlBody = "",
            TextBody = "",
            Template = template.Id == 0 ? template : null,
            TemplateId = template.Id == 0 ? null : template.Id,
            TemplateValue = value,
            Headers = string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}")),
            Kind = kind,
            IsBulk = true,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
