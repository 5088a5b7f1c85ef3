using System.Globalization;
using CsvHelper;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Signup;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class SubscriberExportTests(NewsletterFactory site)
{
    [Fact]
    public async Task Export_EscapesFormulasInEveryColumn_AndQuotesWhatNeedsIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var marker = Guid.NewGuid().ToString("n")[..12];
        // Valid addresses can start with = + - (RFC 5322 atext); the other columns are stored text.
        var email = $"=1+{marker}@example.org";
        await site.WithDbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber
            {
                Email = email,
                Name = "@SUM(A1:A9)",
                Status = SubscriberStatus.Pending,
                CreatedAt = DateTime.UtcNow,
                UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
                ConsentSource = "-2+3",
                ConsentText = "\t=cmd",
                Origin = "=HYPERLINK(\"x\",\"y\")",
            });
            await db.SaveChangesAsync();
        });

        var export = await editor.GetStringAsync($"/admin/subscribers/export.csv?q={Uri.EscapeDataString(marker)}");

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", export);
        using var csv = new CsvReader(new StringReader(export), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Parser.Record!);
        }
        Assert.Equal(2, rows.Count);
        var row = rows[1];
        Assert.Equal($"'{email}", row[0]);
        Assert.Equal("'@SUM(A1:A9)", row[1]);
        Assert.Equal("'-2+3", row[7]);
        Assert.Equal("'\t=cmd", row[8]);
        Assert.Equal("'=HYPERLINK(\"x\",\"y\")", row[9]);
        Assert.All(row, cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
    }
}
