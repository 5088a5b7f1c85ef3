using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class AuditLogTests(NewsroomFactory site)
{
    [Fact]
    public async Task AuditLog_ShowsEntries_WithAnEmptyFilter()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);

        var document = Html.Parse(await admin.GetStringAsync("/admin/audit"));

        Assert.NotEmpty(document.QuerySelectorAll(".data-table tbody tr"));
        Assert.Equal("", document.QuerySelector("#who")!.GetAttribute("value") ?? "");
        Assert.Null(document.QuerySelector("#activity option[selected]"));
    }

    [Fact]
    public async Task AuditLog_FiltersByActor_Action_AndDate()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var writerEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        await StaffClient.Anonymous(site).SignInAsync(writerEmail, "not the password at all");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        var byWriter = Html.Parse(await admin.GetStringAsync($"/admin/audit?who={Uri.EscapeDataString(writerEmail.ToUpperInvariant()[..20])}"));
        var failures = Html.Parse(await admin.GetStringAsync($"/admin/audit?who={Uri.EscapeDataString(writerEmail)}&activity=sign-in-failed&from={today}&to={today}"));
        var longAgo = Html.Parse(await admin.GetStringAsync($"/admin/audit?who={Uri.EscapeDataString(writerEmail)}&to=2001-01-01"));

        var rows = byWriter.QuerySelectorAll(".data-table tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains(writerEmail, row.TextContent));
        Assert.Single(failures.QuerySelectorAll(".data-table tbody tr"));
        Assert.Contains("sign-in-failed", failures.QuerySelector(".data-table tbody tr")!.TextContent);
        Assert.Empty(longAgo.QuerySelectorAll(".data-table tbody tr"));
    }

    [Theory]
    [InlineData("?to=9999-12-31")]
    [InlineData("?from=0001-01-01")]
    [InlineData("?from=not-a-date&to=2026-02-30")]
    public async Task AuditLog_WithOutlandishDates_AnswersInsteadOfFailing(string query)
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);

        var response = await admin.Http.GetAsync("/admin/audit" + query);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
