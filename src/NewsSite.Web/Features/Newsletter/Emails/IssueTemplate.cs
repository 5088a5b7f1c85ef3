namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>A rendered issue; <see cref="For"/> personalises it for one subscriber.</summary>
public sealed record IssueTemplate(string Subject, string Html, string Text, string Placeholder, NewsletterEmails Emails)
{
    public EmailMessage For(string email, string unsubscribeToken, string kind) => new(
        email, null, Subject,
        Personal(Html, unsubscribeToken),
        Personal(Text, unsubscribeToken),
        kind,
        Emails.UnsubscribeHeaders(unsubscribeToken),
        IsBulk: true);

    // As EmailComposer does for queued issues: the reader's unsubscribe token and their own preferences link.
    private string Personal(string body, string unsubscribeToken) => body
        .Replace(Placeholder, unsubscribeToken, StringComparison.Ordinal)
        .Replace(NewsletterEmails.PreferencesPlaceholder, Emails.PreferencesUrl(unsubscribeToken), StringComparison.Ordinal);
}
