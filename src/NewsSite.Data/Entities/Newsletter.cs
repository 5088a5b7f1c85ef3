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

    /// <summary>The story whose signup box the reader used, if any: which articles bring subscribers.</summary>
    public int? SignupArticleId { get; set; }

    /// <summary>While set and in the future, no newsletter goes to this reader ("pause for two weeks").</summary>
    public DateTime? PausedUntil { get; set; }

    /// <summary>Soft bounces since the last delivery that did not bounce; past Newsletter:SoftBounceLimit the address is suppressed.</summary>
    public int SoftBounceCount { get; set; }

    // A change of address waits here until it is confirmed at the new address.
    public string? PendingEmail { get; set; }
    public string? PendingEmailTokenHash { get; set; }
    public DateTime? PendingEmailExpiresAt { get; set; }

    public DateTime? WelcomeSentAt { get; set; }

    public List<NewsletterSubscription> Subscriptions { get; set; } = [];
}

/// <summary>
/// A newsletter readers can choose: a morning briefing, a weekly digest of a section. One built automatically (a
/// digest) takes the stories published in its sections since the last one, on the chosen days at a local time.
/// </summary>
public sealed class Newsletter
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The display name in From; empty uses the name in Smtp:From.</summary>
    public string? SenderName { get; set; }

    /// <summary>Order on the signup and preference pages.</summary>
    public int Position { get; set; }

    /// <summary>Retired newsletters stay for their archive but are offered to nobody.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Built and sent by the digest job, rather than by hand.</summary>
    public bool IsDigest { get; set; }

    /// <summary>Days the digest goes out, as bits: 1 is Sunday, 2 Monday, … 64 Saturday.</summary>
    public int DigestDays { get; set; }

    /// <summary>Local time of day (the paper's zone) the digest goes out, in minutes after midnight.</summary>
    public int DigestMinuteOfDay { get; set; }

    /// <summary>The most stories a digest carries.</summary>
    public int DigestMaxStories { get; set; } = 10;

    /// <summary>Stories published after this went into no digest yet; null before the first.</summary>
    public DateTime? LastDigestAt { get; set; }

    public List<Section> Sections { get; set; } = [];
}

public sealed class NewsletterSubscription
{
    public int SubscriberId { get; set; }
    public Subscriber Subscriber { get; set; } = null!;
    public int NewsletterId { get; set; }
    public Newsletter Newsletter { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}

public enum SuppressionReason
{
    HardBounce = 0,
    Complaint = 1,
    SoftBounces = 2,
    Manual = 3,
}

/// <summary>
/// An address no bulk mail goes to (nor transactional mail, after a hard bounce) while <see cref="LiftedAt"/> is null.
/// Kept when lifted, so operators see the history.
/// </summary>
public sealed class Suppression
{
    public int Id { get; set; }
    public required string Address { get; set; }
    public SuppressionReason Reason { get; set; }

    /// <summary>What the server or report said: "550 5.1.1 user unknown", the ARF feedback type, …</summary>
    public string? Detail { get; set; }
    public int? NewsletterIssueId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LiftedAt { get; set; }
    public string? LiftedByName { get; set; }
}

public enum DeliveryEventKind
{
    HardBounce = 0,
    SoftBounce = 1,
    Complaint = 2,
}

public enum DeliveryEventSource
{
    /// <summary>Refused while sending (RCPT or DATA).</summary>
    Smtp = 0,

    /// <summary>An RFC 3464 delivery status notification in the bounce mailbox.</summary>
    Dsn = 1,

    /// <summary>An RFC 5965 feedback (ARF) report in the bounce mailbox.</summary>
    Arf = 2,
}

/// <summary>A bounce or complaint, matched to the message (and so the issue and subscriber) it answers.</summary>
public sealed class DeliveryEvent
{
    public long Id { get; set; }
    public required string Address { get; set; }
    public DeliveryEventKind Kind { get; set; }
    public DeliveryEventSource Source { get; set; }

    /// <summary>The status and diagnostic ("5.1.1 user unknown"), or the feedback type.</summary>
    public string? Detail { get; set; }
    public long? OutboxMessageId { get; set; }
    public int? NewsletterIssueId { get; set; }
    public int? SubscriberId { get; set; }
    public DateTime At { get; set; }

    /// <summary>The Message-Id of the bounce or report in the mailbox, so reading a mailbox twice counts nothing twice.</summary>
    public string? ReportMessageId { get; set; }
}

public enum ConsentEventKind
{
    SignedUp = 0,
    Confirmed = 1,
    NewslettersChanged = 2,
    Paused = 3,
    AddressChanged = 4,
    Withdrawn = 5,
    Imported = 6,
    Erased = 7,
    Suppressed = 8,
}

/// <summary>
/// Append-only: one row per consent event of a subscriber. Erasing a subscriber strips every row to its
/// <see cref="AddressHash"/>, kind and date (the tombstone), so a later import recognises the address without
/// keeping it.
/// </summary>
public sealed class ConsentEvent
{
    public long Id { get; set; }

    /// <summary>Null once the subscriber is erased.</summary>
    public int? SubscriberId { get; set; }

    /// <summary>A keyed hash (HMAC-SHA256 with the site's key) of the lower-cased address.</summary>
    public required string AddressHash { get; set; }
    public ConsentEventKind Kind { get; set; }
    public DateTime At { get; set; }

    /// <summary>The exact words shown next to the button, for a signup.</summary>
    public string? Wording { get; set; }

    /// <summary>Where: the page of a signup, "imported from Ghost", the preference centre, …</summary>
    public string? Source { get; set; }

    /// <summary>What changed: the newsletters chosen, the pause's end, …</summary>
    public string? Detail { get; set; }

    /// <summary>The staff member who did it (an import, a lifted suppression); null for the reader.</summary>
    public string? ActorName { get; set; }
}

/// <summary>A link in a sent issue, counted when clicked (Newsletter:CountClicks): no per-reader record.</summary>
public sealed class NewsletterLink
{
    public int Id { get; set; }
    public int NewsletterIssueId { get; set; }
    public required string Url { get; set; }
    public long Clicks { get; set; }
}

/// <summary>A generated secret the site keeps for itself (the key of keyed hashes and signed return paths).</summary>
public sealed class SiteSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum NewsletterIssueStatus
{
    Draft = 0,
    Sending = 1,
}

public sealed class NewsletterIssue
{
    public int Id { get; set; }

    /// <summary>The newsletter this issue belongs to; it goes to that newsletter's subscribers.</summary>
    public int NewsletterId { get; set; }
    public Newsletter? Newsletter { get; set; }
    public required string Subject { get; set; }
    public string Intro { get; set; } = "";

    /// <summary>The line inbox lists show after the subject; empty uses the first story's standfirst.</summary>
    public string Preheader { get; set; } = "";

    /// <summary>A draft with a time is sent by the scheduler then (a digest's next issue is such a draft).</summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>Built by the digest job rather than by hand.</summary>
    public bool IsDigest { get; set; }

    /// <summary>Opens counted by a pixel, only when Newsletter:CountOpens is on (unreliable: mail privacy protection opens everything).</summary>
    public long Opens { get; set; }
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

    /// <summary>The outbox message that carried it: a bounce names the message, and so the issue and address.</summary>
    public long? OutboxMessageId { get; set; }
}

public sealed class NewsletterIssueArticle
{
    public int NewsletterIssueId { get; set; }
    public NewsletterIssue NewsletterIssue { get; set; } = null!;
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int Position { get; set; }
}
