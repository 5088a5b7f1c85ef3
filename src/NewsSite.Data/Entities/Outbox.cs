namespace NewsSite.Data.Entities;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// An email waiting to go out. It is written in the same transaction as the change that caused it, and a background
/// sender delivers it, so a crash or an SMTP outage delays mail but never loses it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }

    /// <summary>Extra headers as "Name: value" lines (List-Unsubscribe and the like).</summary>
    public string? Headers { get; set; }

    /// <summary>What sent it: "password-reset", "confirmation", "newsletter:12", …; for counts and audits.</summary>
    public required string Kind { get; set; }
    public OutboxStatus Status { get; set; }

    /// <summary>Newsletter mail: sent after transactional mail (confirmations, resets) and at the newsletter rate.</summary>
    public bool IsBulk { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the message is next due; while a sender holds it, the end of that sender's lease.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>
    /// The claim of the sender (on any node) holding this message, null when none does. A sender leases due messages
    /// by writing its token in one statement, and records results only where its token is still there.
    /// </summary>
    public Guid? ClaimToken { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// For bulk mail: the shared body this message uses, with <see cref="TemplateValue"/> put in place of the
    /// template's placeholder. A newsletter to 200,000 people then stores its body once, not 200,000 times.
    /// </summary>
    public long? TemplateId { get; set; }
    public OutboxTemplate? Template { get; set; }
    public string? TemplateValue { get; set; }

    /// <summary>
    /// Carries a secret link (password reset, invitation, confirmation): its bodies are blanked when it is marked sent,
    /// so the outbox does not keep working links.
    /// </summary>
    public bool ContainsSecret { get; set; }

    /// <summary>The display name in From (a newsletter's sender name); null uses Smtp:From's.</summary>
    public string? FromName { get; set; }
}

/// <summary>A message body shared by many outbox rows (a newsletter issue), with one personal placeholder.</summary>
public sealed class OutboxTemplate
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public required string Placeholder { get; set; }

    /// <summary>Extra header lines ("Name: value", one per line) for every message, placeholder included.</summary>
    public string? Headers { get; set; }

    /// <summary>The display name in From (a newsletter's sender name); null uses Smtp:From's.</summary>
    public string? FromName { get; set; }

    public DateTime CreatedAt { get; set; }
}
