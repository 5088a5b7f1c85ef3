using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class SuppressionAdminTests(NewsletterFactory site)
{
    [Fact]
    public async Task SuppressionsPage_ShowsWhyAnAddressIsSuppressed_AndLiftingItIsRecordedAndAudited()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var address = $"gone-{Guid.NewGuid():n}@example.org";
        var other = $"other-{Guid.NewGuid():n}@example.org";
        var id = await site.WithDbAsync(async (db, _) =>
        {
            var suppression = new Suppression { Address = address, Reason = SuppressionReason.HardBounce, Detail = "550 5.1.1 No such user <script>", CreatedAt = DateTime.UtcNow };
            db.Suppressions.Add(suppression);
            db.Suppressions.Add(new Suppression { Address = other, Reason = SuppressionReason.Complaint, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return suppression.Id;
        });

        var page = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/suppressions?q={Uri.EscapeDataString(address[..12].ToUpperInvariant())}"));
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains(address, row.TextContent);
        Assert.Contains("Hard bounce", row.TextContent);
        Assert.Contains("550 5.1.1 No such user <script>", row.TextContent); // shown as text, encoded
        Assert.NotNull(row.QuerySelector($"form[action='/admin/newsletters/suppressions/{id}/lift'] button"));

        var lift = await editor.PostFormAsync($"/admin/newsletters/suppressions/{id}/lift", [], tokenFrom: "/admin/newsletters/suppressions");
        Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);

        var lifted = await site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.NotNull(lifted.LiftedAt);
        Assert.False(string.IsNullOrEmpty(lifted.LiftedByName));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "suppression-lifted" && a.Target == address)));
        Assert.Empty(Html.Parse(await editor.GetStringAsync($"/admin/newsletters/suppressions?q={address}")).QuerySelectorAll("tbody tr"));
        Assert.Contains("Lifted", Html.Parse(await editor.GetStringAsync($"/admin/newsletters/suppressions?q={address}&lifted=true")).QuerySelector("tbody tr")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostFormAsync($"/admin/newsletters/suppressions/{id}/lift", [], tokenFrom: "/admin/newsletters/suppressions")).StatusCode);
        // The other address is untouched.
        Assert.Null((await site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().SingleAsync(s => s.Address == other))).LiftedAt);
    }

    [Fact]
    public async Task AnAddressCanBeSuppressedByHand_Audited_AndAnInvalidOneIsRefused()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var address = $"By-Hand-{Guid.NewGuid():n}@Example.org";
        await site.WithDbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber { Email = address.ToLowerInvariant(), Status = SubscriberStatus.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow, UnsubscribeToken = Guid.NewGuid().ToString("n") });
            await db.SaveChangesAsync();
        });

        var added = await editor.PostFieldsAsync("/admin/newsletters/suppressions/add", [new("Address", address), new("Note", "Asked by phone")], tokenFrom: "/admin/newsletters/suppressions");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var suppression = await site.WithDbAsync((db, _) => db.Suppressions.AsNoTracking().SingleAsync(s => s.Address == address.ToLowerInvariant()));
        Assert.Equal((SuppressionReason.Manual, "Asked by phone"), (suppression.Reason, suppression.Detail));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "suppression-added" && a.Target == address.ToLowerInvariant())));
        // The subscriber directory says so next to the reader, linking to why.
        var directory = Html.Parse(await editor.GetStringAsync($"/admin/subscribers?q={Uri.EscapeDataString(address.ToLowerInvariant())}"));
        Assert.Equal("suppressed (Manual)", directory.QuerySelector(".suppressed-mark")?.TextContent.Trim());

        var again = await editor.PostFieldsAsync("/admin/newsletters/suppressions/add", [new("Address", address)], tokenFrom: "/admin/newsletters/suppressions");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.Suppressions.CountAsync(s => s.Address == address.ToLowerInvariant())));

        var invalid = await editor.PostFieldsAsync("/admin/newsletters/suppressions/add", [new("Address", "not an address")], tokenFrom: "/admin/newsletters/suppressions");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task IssuePages_ShowBounceAndComplaintRates_WithAWarningPastGmailAndYahoosLimit()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var subject = $"Rates issue {Guid.NewGuid():n}";
        var issueId = await site.WithDbAsync(async (db, _) =>
        {
            var issue = new NewsletterIssue { Subject = subject, NewsletterId = 1, Status = NewsletterIssueStatus.Sending, CreatedAt = DateTime.UtcNow, QueuedAt = DateTime.UtcNow, QueuedCount = 300 };
            db.NewsletterIssues.Add(issue);
            await db.SaveChangesAsync();
            // 298 accepted and 2 refused at RCPT: 300 sent; 1 complaint (0.33 %), 2 hard and 1 soft bounce (1.00 %).
            for (var i = 0; i < 298; i++)
            {
                db.NewsletterRecipients.Add(new NewsletterRecipient { NewsletterIssueId = issue.Id, Address = $"r{i}-{issue.Id}@example.org", SentAt = DateTime.UtcNow });
            }
            db.DeliveryEvents.Add(new DeliveryEvent { Address = "a@example.org", Kind = DeliveryEventKind.HardBounce, Source = DeliveryEventSource.Smtp, NewsletterIssueId = issue.Id, At = DateTime.UtcNow });
            db.DeliveryEvents.Add(new DeliveryEvent { Address = "b@example.org", Kind = DeliveryEventKind.HardBounce, Source = DeliveryEventSource.Smtp, NewsletterIssueId = issue.Id, At = DateTime.UtcNow });
            db.DeliveryEvents.Add(new DeliveryEvent { Address = "r1@example.org", Kind = DeliveryEventKind.SoftBounce, Source = DeliveryEventSource.Dsn, NewsletterIssueId = issue.Id, At = DateTime.UtcNow });
            db.DeliveryEvents.Add(new DeliveryEvent { Address = "r2@example.org", Kind = DeliveryEventKind.Complaint, Source = DeliveryEventSource.Arf, NewsletterIssueId = issue.Id, At = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return issue.Id;
        });

        foreach (var url in new[] { $"/admin/newsletters/{issueId}", "/admin/newsletters" })
        {
            var page = Html.Parse(await editor.GetStringAsync(url));
            var row = page.QuerySelectorAll(".delivery-rates tbody tr").Single(r => r.TextContent.Contains(subject));
            Assert.Contains("300", row.TextContent);
            Assert.Equal("1.00 %", row.QuerySelector("[data-rate=bounce]")!.TextContent);
            Assert.Equal("0.33 %", row.QuerySelector("[data-rate=complaint]")!.TextContent);
            var warning = page.QuerySelectorAll(".rate-warning.rate-over-limit").Single(w => w.TextContent.Contains(subject));
            Assert.Contains("0.3 %", warning.TextContent);
        }
    }
}
