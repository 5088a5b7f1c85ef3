namespace NewsSite.Data.Entities;

public enum SubscriberStatus
{
    Pending = 0,
    Confirmed = 1,
    Unsubscribed = 2,
}

public sealed class Subscriber
{
    public int Id { get; set; }

    /// <summary>Trimmed and lower-cased: addresses are compared case-insensitively.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    public SubscriberStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>SHA-256 of the confirmation token; the token itself exists only in the email.</summary>
    public string? ConfirmationTokenHash { get; set; }
    public DateTime? ConfirmationExpiresAt { get; set; }
    public DateTime? LastConfirmationSentAt { get; set; }

    // Confirmation emails sent in the current 24-hour window, and when it began: a pending address gets only a few a day.
    public DateTime? ConfirmationWindowStartedAt { get; set; }
    public int ConfirmationsInWindow { get; set; }

    /// <summary>The personal token in every newsletter's unsubscribe link; random, unguessable, unique.</summary>
    public required string UnsubscribeToken { get; set; }

    // Consent as given: when, on which page, and the words shown next to the button.
    public DateTime? ConsentAt { get; set; }
    public string? ConsentSource { get; set; }
    public string? ConsentText { get; set; }

    /// <summary>"signup", "import" or "import-confirmed": how the address arrived.</summary>
    public string Origin { get; set; } = "signup";
}

public enum NewsletterIssueStatus
{
    Draft = 0,
    Sending = 1,
}

public sealed class NewsletterIssue
{
    public int Id { get; set; }
    public required string Subject { get; set; }
    public string Intro { get; set; } = "";
    public NewsletterIssueStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedByName { get; set; }

    /// <summary>When the issue was queued for every confirmed subscriber, and how many messages that made.</summary>
    public DateTime? QueuedAt { get; set; }
    public int QueuedCount { get; set; }

    public List<NewsletterIssueArticle> Articles { get; set; } = [];
}

/// <summary>
/// Who received an issue, and when: written with the outbox row's "sent", kept after the outbox forgets the message
/// (for corrections to an issue's readers, and matching bounces).
/// </summary>
public sealed class NewsletterRecipient
{
    public long Id { get; set; }
    public int NewsletterIssueId { get; set; }

    /// <summary>The subscriber at the time of sending, if the address still belongs to one.</summary>
    public int? SubscriberId { get; set; }
    public required string Address { get; set; }
    public DateTime SentAt { get; set; }
}

public sealed class NewsletterIssueArticle
{
    public int NewsletterIssueId { get; set; }
    public NewsletterIssue NewsletterIssue { get; set; } = null!;
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int Position { get; set; }
}
