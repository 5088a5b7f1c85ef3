using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Email;

/// <summary>Turns an outbox row into a MIME message: From, To, Date, Message-Id, and multipart/alternative text + HTML.</summary>
public sealed class EmailComposer(IOptions<SmtpOptions> smtp, IOptions<SiteOptions> site)
{
    public MimeMessage Compose(OutboxMessage row)
    {
        var from = MailboxAddress.Parse(smtp.Value.From);
        var message = new MimeMessage
        {
            Subject = row.Subject,
            Date = DateTimeOffset.UtcNow,
            MessageId = row.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId(new Uri(site.Value.BaseUrl).Host),
        };
        message.From.Add(from);
        message.ReplyTo.Add(from);
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress));
        foreach (var line in (row.Headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                message.Headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }
}
