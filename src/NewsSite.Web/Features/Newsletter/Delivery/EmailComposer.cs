using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>Turns an outbox row into a MIME message: From, To, Date, Message-Id, and multipart/alternative text + HTML.</summary>
public sealed class EmailComposer(IOptions<SmtpOptions> smtp, IOptions<SiteOptions> site, Preferences.PreferenceLinks preferences)
{
    /// <summary>Builds the message; a templated row takes its subject, bodies and headers from <paramref name="template"/>.</summary>
    public MimeMessage Compose(OutboxMessage row, OutboxTemplate? template = null)
    {
        if (row.TemplateId is not null && template is null)
        {
            throw new InvalidOperationException($"Outbox message {row.Id} needs its template to be composed.");
        }
        var from = MailboxAddress.Parse(smtp.Value.From);
        if ((row.FromName ?? template?.FromName) is { Length: > 0 } senderName)
        {
            // A newsletter's own sender name, at the paper's address.
            from = new MailboxAddress(senderName, from.Address);
        }
        var message = new MimeMessage
        {
            Subject = template?.Subject ?? row.Subject,
            Date = DateTimeOffset.UtcNow,
            // Derived from the outbox row, so a retry of the same message carries the same Message-Id.
            MessageId = $"outbox-{row.Id}.{row.CreatedAt.Ticks}@{new Uri(site.Value.BaseUrl).Host}",
        };
        message.From.Add(from);
        message.ReplyTo.Add(from);
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress));
        var templateHeaders = template?.Headers?.Replace(template.Placeholder, row.TemplateValue ?? "", StringComparison.Ordinal);
        foreach (var line in $"{templateHeaders}\n{row.Headers}".Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                message.Headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        var (html, text) = template is null
            ? (row.HtmlBody, row.TextBody)
            : (template.HtmlBody.Replace(template.Placeholder, row.TemplateValue ?? "", StringComparison.Ordinal),
               template.TextBody.Replace(template.Placeholder, row.TemplateValue ?? "", StringComparison.Ordinal));
        // Each reader's own preference-centre link, signed and expiring, made now from the row's unsubscribe token.
        if (template is not null && row.TemplateValue is { Length: > 0 } value && (html.Contains(Emails.NewsletterEmails.PreferencesPlaceholder, StringComparison.Ordinal) || text.Contains(Emails.NewsletterEmails.PreferencesPlaceholder, StringComparison.Ordinal)))
        {
            var link = preferences.Url(value);
            html = html.Replace(Emails.NewsletterEmails.PreferencesPlaceholder, link, StringComparison.Ordinal);
            text = text.Replace(Emails.NewsletterEmails.PreferencesPlaceholder, link, StringComparison.Ordinal);
        }
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
