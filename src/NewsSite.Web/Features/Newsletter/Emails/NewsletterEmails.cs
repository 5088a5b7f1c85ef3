using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>One story as a newsletter shows it.</summary>
public sealed record NewsletterStory(string Title, string Standfirst, string Url, string? ImageUrl, string? ImageAlt);

/// <summary>The newsletter's emails: confirmation, welcome, and each issue (with RFC 8058 one-click unsubscribe headers).</summary>
public sealed class NewsletterEmails(EmailTemplates templates, IOptions<SiteOptions> site, IOptions<SmtpOptions> smtp, IOptions<NewsletterOptions> newsletter)
{
    // Letters only, so URL- and HTML-encoding leave it as it is and the replacement finds it.
    private const string UnsubscribePlaceholder = "ZZUNSUBSCRIBETOKENZZ";

    public string ConfirmLink(string token) => Link("/newsletter/confirm", token);

    public string UnsubscribeLink(string token) => Link("/newsletter/unsubscribe", token);

    public EmailMessage Confirmation(string email, string token) => templates.Build(email, null, "confirmation",
        $"Confirm your subscription to {site.Value.Name}",
        heading: "Please confirm your subscription",
        paragraphs:
        [
            $"Someone, hopefully you, asked to receive the newsletter from {site.Value.Name} at this address.",
            new Wording(
                $"Press the button to confirm. {LinkLife} If you did not ask, ignore this email and you will hear nothing more from us.",
                $"Open the link below to confirm. {LinkLife} If you did not ask, ignore this email and you will hear nothing more from us."),
        ],
        buttonText: "Confirm my subscription", link: ConfirmLink(token), containsSecret: true);

    // Read from the option that expires the link, so the words and the rule cannot drift apart.
    private string LinkLife => $"The link works for {EmailTemplates.Lifetime(TimeSpan.FromHours(newsletter.Value.ConfirmationHours))}.";

    public EmailMessage Welcome(string email, string unsubscribeToken)
    {
        var unsubscribe = UnsubscribeLink(unsubscribeToken);
        return templates.Build(email, null, "welcome",
            $"Welcome to the newsletter from {site.Value.Name}",
            heading: "You're subscribed",
            // No schedule is promised: issues go out when the newsroom sends them.
            paragraphs: ["Thank you for confirming. Each newsletter brings our most important stories to your inbox.",
                new Wording("You can unsubscribe at any time with one click, using the link at the bottom of every email.",
                    "You can unsubscribe at any time by opening the link at the bottom of every email.")],
            buttonText: "Read today's news", link: site.Value.AbsoluteUrl("/").ToString(),
            footerHtml: Footer(unsubscribe), footerText: $"Unsubscribe: {unsubscribe}",
            headers: UnsubscribeHeaders(unsubscribeToken));
    }

    /// <summary>
    /// An issue rendered once, with a placeholder where each subscriber's unsubscribe token goes, so sending to
    /// many people is a string replacement per person rather than a render.
    /// </summary>
    public IssueTemplate Issue(string subject, string intro, IReadOnlyList<NewsletterStory> stories)
    {
        var unsubscribe = UnsubscribeLink(UnsubscribePlaceholder);
        var html = new StringBuilder();
        foreach (var paragraph in Paragraphs(intro))
        {
            html.Append($"<p style=\"margin:0 0 16px;font-size:16px;line-height:1.5;color:#1a1a1a\">{EmailTemplates.Encode(paragraph)}</p>");
        }
        foreach (var story in stories)
        {
            var url = EmailTemplates.Encode(story.Url);
            html.Append("<div style=\"margin:24px 0;padding-top:16px;border-top:1px solid #ddd\">");
            if (story.ImageUrl is not null)
            {
                html.Append($"<a href=\"{url}\"><img src=\"{EmailTemplates.Encode(story.ImageUrl)}\" alt=\"{EmailTemplates.Encode(story.ImageAlt ?? "")}\" width=\"552\" style=\"display:block;width:100%;max-width:552px;height:auto;border:0\"></a>");
            }
            html.Append($"<h2 style=\"margin:12px 0 8px;font-size:20px;line-height:1.3\"><a href=\"{url}\" style=\"color:#1a1a1a;text-decoration:none\">{EmailTemplates.Encode(story.Title)}</a></h2>");
            html.Append($"<p style=\"margin:0 0 8px;font-size:16px;line-height:1.5;color:#333\">{EmailTemplates.Encode(story.Standfirst)}</p>");
            html.Append($"<p style=\"margin:0\"><a href=\"{url}\" style=\"color:#0b4f8a;font-family:Arial,sans-serif;font-size:14px\">Read the story</a></p></div>");
        }
        var text = new StringBuilder($"{subject}\n\n");
        foreach (var paragraph in Paragraphs(intro))
        {
            text.Append(paragraph).Append("\n\n");
        }
        foreach (var story in stories)
        {
            text.Append(story.Title).Append('\n').Append(story.Standfirst).Append('\n').Append(story.Url).Append("\n\n");
        }
        text.Append($"-- \n{site.Value.Name}\n{site.Value.BaseUrl}\n\nUnsubscribe: {unsubscribe}\n");
        return new IssueTemplate(subject, templates.Layout(subject, html.ToString(), Footer(unsubscribe)), text.ToString(), UnsubscribePlaceholder, this);
    }

    public IReadOnlyList<KeyValuePair<string, string>> UnsubscribeHeaders(string token) =>
    [
        new("List-Unsubscribe", $"<{UnsubscribeLink(token)}>, <mailto:{UnsubscribeMailbox()}?subject=unsubscribe%20{token}>"),
        new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ];

    private string Footer(string unsubscribeLink) =>
        $"You receive this because you subscribed to the newsletter from {EmailTemplates.Encode(site.Value.Name)}. " +
        $"<a href=\"{EmailTemplates.Encode(unsubscribeLink)}\" style=\"color:#0b4f8a\">Unsubscribe with one click</a>.";

    private string UnsubscribeMailbox() =>
        !string.IsNullOrWhiteSpace(newsletter.Value.UnsubscribeMailbox)
            ? newsletter.Value.UnsubscribeMailbox
            : MailboxAddress.TryParse(smtp.Value.From, out var from) ? from.Address : "unsubscribe@localhost";

    private string Link(string path, string token) =>
        QueryHelpers.AddQueryString(site.Value.AbsoluteUrl(path).ToString(), "token", token);

    private static IEnumerable<string> Paragraphs(string text) =>
        (text ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

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
