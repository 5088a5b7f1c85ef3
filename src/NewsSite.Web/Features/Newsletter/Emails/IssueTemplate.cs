namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>A rendered issue; <see cref="For"/> personalises it for one subscriber.</summary>
public sealed record IssueTemplate(string Subject, string Html, string Text, string Placeholder, NewsletterEmails Emails)
{
    public EmailMessage For(string email, string unsubscribeToken, string kind) => new(
        email, null, Subject,
        Html.Replace(Placeholder, unsubscribeToken, StringComparison.Ordinal),
        Text.Replace(Placeholder, unsubscribeToken, StringComparison.Ordinal),
        kind,
        Emails.UnsubscribeHeaders(unsubscribeToken),
        IsBulk: true);
}
