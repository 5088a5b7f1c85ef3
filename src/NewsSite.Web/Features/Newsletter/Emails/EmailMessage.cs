namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>
/// An email to send: both an HTML and a plain-text body, and any extra headers (name, value). One that
/// <paramref name="ContainsSecret"/> (a sign-in or confirmation link) has its bodies removed from the outbox once sent.
/// </summary>
public sealed record EmailMessage(
    string ToAddress,
    string? ToName,
    string Subject,
    string HtmlBody,
    string TextBody,
    string Kind,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    bool IsBulk = false,
    bool ContainsSecret = false);
