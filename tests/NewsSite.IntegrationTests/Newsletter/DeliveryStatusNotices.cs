using System.Text;
using MimeKit;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>
/// Reports as real mail servers write them (shapes copied from Postfix's and Gmail's bounces and Yahoo's feedback
/// loop), each with a fresh Message-Id, addressed to <c>to</c> (the return path the bounce came back to).
/// </summary>
public static class DeliveryStatusNotices
{
    public static MimeMessage PostfixHardBounce(string to, string recipient, string? originalMessageId)
    {
        var id = Id("mail.example.org");
        var original = originalMessageId is null ? "" : $"""
            --{id}
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            Return-Path: <{to}>
            From: The newsletter <newsletter@news.test>
            To: <{recipient}>
            Subject: Bounce briefing
            Message-Id: <{originalMessageId}>
            List-Unsubscribe-Post: List-Unsubscribe=One-Click


            """;
        return Load($"""
            Return-Path: <>
            Delivered-To: {to}
            Received: by mail.example.org (Postfix) id 8D2A61C0A4; Mon, 30 Nov 2026 10:00:00 +0000 (UTC)
            Date: Mon, 30 Nov 2026 10:00:00 +0000 (UTC)
            From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: {to}
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            	boundary="{id}"
            Message-Id: <{id}>

            This is a MIME-encapsulated message.

            --{id}
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.example.org.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. It's attached below.

            <{recipient}>: host mx.example.org[192.0.2.25] said: 550 5.1.1
                <{recipient}>: Recipient address rejected: User unknown in virtual
                mailbox table (in reply to RCPT TO command)

            --{id}
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.example.org
            X-Postfix-Queue-ID: 8D2A61C0A4
            X-Postfix-Sender: rfc822; {to}
            Arrival-Date: Mon, 30 Nov 2026 09:59:58 +0000 (UTC)

            Final-Recipient: rfc822; {recipient}
            Original-Recipient: rfc822;{recipient}
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.org
            Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected:
                User unknown in virtual mailbox table

            {original}--{id}--
            """);
    }

    public static MimeMessage GmailSoftBounce(string to, string recipient, string originalMessageId)
    {
        var id = Id("mx.google.com");
        var boundary = $"000000000000{Guid.NewGuid():n}";
        return Load($"""
            Delivered-To: {to}
            Return-Path: <>
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: {to}
            Auto-Submitted: auto-replied
            Subject: Delivery Status Notification (Delay)
            Date: Mon, 30 Nov 2026 10:05:00 -0800
            Message-ID: <{id}>
            MIME-Version: 1.0
            Content-Type: multipart/report; boundary="{boundary}"; report-type=delivery-status

            --{boundary}
            Content-Type: text/plain; charset="UTF-8"

            ** Message not delivered **

            Your message couldn't be delivered to {recipient} because the recipient's inbox is full.

            The response from the remote server was:
            452 4.2.2 The email account that you tried to reach is over quota.

            --{boundary}
            Content-Type: message/delivery-status

            Reporting-MTA: dns; googlemail.com
            Received-From-MTA: dns; newsletter@news.test
            Arrival-Date: Mon, 30 Nov 2026 10:04:58 -0800 (PST)
            X-Original-Message-ID: <{originalMessageId}>

            Final-Recipient: rfc822; {recipient}
            Action: failed
            Status: 4.2.2
            Remote-MTA: dns; gmail-smtp-in.l.google.com. (2607:f8b0:4864:20::10a, the server for the domain example.org.)
            Diagnostic-Code: smtp; 452-4.2.2 The email account that you tried to reach is over quota.
            Last-Attempt-Date: Mon, 30 Nov 2026 10:05:00 -0800 (PST)

            --{boundary}
            Content-Type: message/rfc822

            Return-Path: <{to}>
            From: The newsletter <newsletter@news.test>
            To: {recipient}
            Subject: Bounce briefing
            Message-Id: <{originalMessageId}>
            Content-Type: text/plain

            The news.

            --{boundary}--
            """);
    }

    /// <summary>A warning that delivery goes on being tried: no bounce.</summary>
    public static MimeMessage Delayed(string to, string recipient)
    {
        var id = Id("mail.example.org");
        return Load($"""
            Delivered-To: {to}
            From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
            Subject: Delayed Mail (still being retried)
            To: {to}
            Date: Mon, 30 Nov 2026 10:00:00 +0000
            Message-Id: <{id}>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="{id}"

            --{id}
            Content-Type: text/plain

            This is the mail system at host mail.example.org. Your message has been delayed.

            --{id}
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.example.org

            Final-Recipient: rfc822; {recipient}
            Action: delayed
            Status: 4.4.1
            Diagnostic-Code: X-Postfix; connect to mx.example.org[192.0.2.25]:25: Connection timed out
            Will-Retry-Until: Sat, 5 Dec 2026 10:00:00 +0000

            --{id}--
            """);
    }

    public static MimeMessage YahooComplaint(string to, string recipient, MimeMessage original)
    {
        var id = Id("yahoo.com");
        var boundary = $"----=_Part_{Guid.NewGuid():n}";
        using var copy = new MemoryStream();
        original.WriteTo(copy);
        var originalText = Encoding.UTF8.GetString(copy.ToArray()).Replace("\r\n", "\n");
        return Load($"""
            Delivered-To: {to}
            From: feedback@arf.mail.yahoo.com
            To: {to}
            Subject: FW: Bounce briefing
            Date: Mon, 30 Nov 2026 10:10:00 +0000
            Message-ID: <{id}>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="{boundary}"

            --{boundary}
            Content-Type: text/plain; charset=us-ascii
            Content-Transfer-Encoding: 7bit

            This is an email abuse report for an email message received from IP 192.0.2.10 on Mon, 30 Nov 2026 10:00:00 +0000.
            For more information about this format please see http://www.mipassoc.org/arf/.

            --{boundary}
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: Yahoo!-Mail-Feedback/2.0
            Version: 0.1
            Original-Mail-From: <bounces@news.test>
            Original-Rcpt-To: <{recipient}>
            Received-Date: Mon, 30 Nov 2026 10:00:00 +0000
            Reported-Domain: news.test
            Authentication-Results: mta1000.mail.ne1.yahoo.com  from=news.test; domainkeys=neutral (no sig);  from=news.test; dkim=pass (ok)

            --{boundary}
            Content-Type: message/rfc822
            Content-Disposition: inline

            {originalText}
            --{boundary}--
            """);
    }

    /// <summary>Not a report: an auto-reply that came back to the return path.</summary>
    public static MimeMessage OutOfOffice(string to) => Load($"""
        From: Someone <someone@example.org>
        To: {to}
        Subject: Out of office: Bounce briefing
        Auto-Submitted: auto-replied
        Date: Mon, 30 Nov 2026 10:00:00 +0000
        Message-Id: <{Id("example.org")}>
        Content-Type: text/plain

        I am away until Monday.
        """);

    private static string Id(string host) => $"{Guid.NewGuid():n}@{host}";

    private static MimeMessage Load(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n")));
        return MimeMessage.Load(stream);
    }
}
