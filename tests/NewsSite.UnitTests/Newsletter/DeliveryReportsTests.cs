using System.ComponentModel.DataAnnotations;
using System.Text;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.UnitTests.Newsletter;

public sealed class DeliveryReportsTests
{
    private static MimeMessage Load(string text) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"))));

    private static string Dsn(string groups, string messageId = "Message-Id: <dsn-1@mx.example.net>\n") => $"""
        From: MAILER-DAEMON@mx.example.net
        To: bounces@news.test
        Subject: Undelivered Mail Returned to Sender
        {messageId}MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Some of your mail could not be delivered.
        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net

        {groups}
        --b--
        """;

    [Fact]
    public void Dsn_WithSeveralRecipients_GivesEachFailure_HardOrSoftByItsStatus_AndSkipsTheDelivered()
    {
        var report = DeliveryReports.Parse(Load(Dsn("""
            Final-Recipient: rfc822; Gone@Example.org
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 user
                unknown

            Final-Recipient: rfc822; full@example.org
            Action: failed
            Status: 4.2.2
            Diagnostic-Code: smtp; 452 4.2.2 mailbox full

            Final-Recipient: rfc822; fine@example.org
            Action: delivered
            Status: 2.0.0
            """)));

        Assert.NotNull(report);
        Assert.Equal(DeliveryEventSource.Dsn, report.Source);
        Assert.Equal("dsn-1@mx.example.net", report.ReportMessageId);
        Assert.Equal(
            [new ReportedRecipient("gone@example.org", DeliveryEventKind.HardBounce, "5.1.1 smtp; 550 5.1.1 user unknown"),
             new ReportedRecipient("full@example.org", DeliveryEventKind.SoftBounce, "4.2.2 smtp; 452 4.2.2 mailbox full")],
            report.Recipients);
        Assert.Contains("bounces@news.test", report.ReturnAddresses);
    }

    [Fact]
    public void Report_WithoutAMessageId_IsKnownByADigestOfItsBytes_TheSameEachTime()
    {
        var text = Dsn("Final-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1", messageId: "");

        var first = DeliveryReports.Parse(Load(text));
        var second = DeliveryReports.Parse(Load(text));

        Assert.StartsWith("sha256:", first!.ReportMessageId);
        Assert.Equal(first.ReportMessageId, second!.ReportMessageId);
    }

    [Theory]
    [InlineData("not-spam")]
    [InlineData("auth-failure")]
    public void FeedbackReport_ThatIsNoComplaint_IsNoReport(string type)
    {
        var message = Load($"""
            From: feedback@fbl.example.net
            To: fbl@news.test
            Subject: report
            Message-Id: <arf-1@fbl.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="b"

            --b
            Content-Type: text/plain

            A report.
            --b
            Content-Type: message/feedback-report

            Feedback-Type: {type}
            Version: 1
            Original-Rcpt-To: <reader@example.org>
            --b--
            """);

        Assert.Null(DeliveryReports.Parse(message));
    }

    [Fact]
    public void PlainMessage_IsNoReport()
    {
        Assert.Null(DeliveryReports.Parse(Load("From: a@example.org\nTo: bounces@news.test\nSubject: Out of office\n\nAway.\n")));
    }

    [Theory]
    [InlineData("outbox-42.638000000000000000@news.test", 42L)]
    [InlineData("<outbox-42.638000000000000000@NEWS.test>", 42L)]
    [InlineData("outbox-42.638000000000000000@elsewhere.test", null)]
    [InlineData("42.638@news.test", null)]
    [InlineData(null, null)]
    public void OutboxIdOf_ReadsTheSitesOwnMessageIds_Only(string? messageId, long? expected) =>
        Assert.Equal(expected, DeliveryReports.OutboxIdOf(messageId, "news.test"));

    [Fact]
    public void BounceMailboxOptions_WithAHostButNoUser_OrReadingIntoItsOwnFolder_AreRefused()
    {
        static List<ValidationResult> Errors(BounceMailboxOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return results;
        }

        Assert.Empty(Errors(new BounceMailboxOptions()));
        Assert.Contains(Errors(new BounceMailboxOptions { Host = "imap.example.net" }), e => e.MemberNames.Contains(nameof(BounceMailboxOptions.Username)));
        Assert.Contains(Errors(new BounceMailboxOptions { ProcessedFolder = "inbox" }), e => e.MemberNames.Contains(nameof(BounceMailboxOptions.ProcessedFolder)));
    }
}
