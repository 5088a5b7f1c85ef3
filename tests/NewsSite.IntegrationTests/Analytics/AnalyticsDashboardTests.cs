using System.Net;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Analytics;

public sealed class AnalyticsDashboardTests(CountingSiteFactory site) : IClassFixture<CountingSiteFactory>
{
    [Fact]
    public async Task Dashboard_AnswersTheMorningQuestions_AndEachTableExportsTheSameNumbersAsCsv()
    {
        var story = await new ArticleBuilder().Titled($"=Dashboard story {Guid.NewGuid():n}").SaveAsync(site);
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var subject = $"Dashboard issue {Guid.NewGuid():n}";
        await site.WithDbAsync(async db =>
        {
            db.PageViewCounts.Add(new PageViewCount { Hour = hour, Path = story.UrlOf(), ArticleId = story.Id, Source = ReferrerClass.Search, Views = 7000 });
            db.PageViewCounts.Add(new PageViewCount { Hour = hour, Path = story.UrlOf(), ArticleId = story.Id, Source = ReferrerClass.Social, Views = 3000 });
            for (var i = 0; i < 3; i++)
            {
                var subscriber = new Subscriber
                {
                    Email = $"dash-{i}-{Guid.NewGuid():n}@example.org", Status = SubscriberStatus.Confirmed, CreatedAt = now, ConfirmedAt = now,
                    UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(), SignupArticleId = story.Id,
                };
                db.Subscribers.Add(subscriber);
                db.ConsentEvents.Add(new ConsentEvent { AddressHash = Guid.NewGuid().ToString("n"), Kind = ConsentEventKind.Confirmed, At = now });
            }
            db.ConsentEvents.Add(new ConsentEvent { AddressHash = Guid.NewGuid().ToString("n"), Kind = ConsentEventKind.Withdrawn, At = now });
            var issue = new NewsletterIssue { NewsletterId = 1, Subject = subject, Status = NewsletterIssueStatus.Sending, CreatedAt = now, QueuedAt = now, QueuedCount = 40, Opens = 11 };
            db.NewsletterIssues.Add(issue);
            await db.SaveChangesAsync();
            db.NewsletterLinks.Add(new NewsletterLink { NewsletterIssueId = issue.Id, Url = "http://news.test/a", Clicks = 4 });
            db.NewsletterLinks.Add(new NewsletterLink { NewsletterIssueId = issue.Id, Url = "http://news.test/b", Clicks = 5 });
            await db.SaveChangesAsync();
        });

        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var page = Html.Parse(await editor.GetStringAsync("/admin/analytics"));
        string[] Row(string table, string first) =>
            page.QuerySelectorAll($"section[aria-labelledby={table}] tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray())
                .Single(cells => cells[0] == first);

        // Today's top stories with their sources: Direct, This site, Search, Google News / Discover, Social, Newsletter, Other sites.
        Assert.Equal([story.Title, "10,000", "0", "0", "7,000", "0", "3,000", "0", "0", ""], Row("top-today", story.Title));
        Assert.Equal("10,000", Row("top-week", story.Title)[1]);
        var today = page.QuerySelectorAll("section[aria-labelledby=views-per-day] tbody tr").First().QuerySelectorAll("td").First().TextContent;
        Assert.True(long.Parse(today, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) >= 10_000);
        var growth = page.QuerySelectorAll("section[aria-labelledby=subscriber-growth] tbody tr").First().QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.True(int.Parse(growth[1]) >= 3 && int.Parse(growth[2]) >= 1, string.Join("|", growth));
        Assert.Equal("3", Row("signups-per-article", story.Title)[1]);
        Assert.Equal(["40", "9", "11", ""], Row("newsletter-clicks", subject)[3..]);
        Assert.Contains("unreliable", page.QuerySelector("section[aria-labelledby=newsletter-clicks]")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav a[href='/admin/analytics']"));

        var csv = await editor.Http.GetAsync("/admin/analytics/top-today.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Story,Views,Direct,This site,Search,Google News / Discover,Social,Newsletter,Other sites", lines[0]);
        // A headline that starts like a formula is escaped in the file, and the numbers are plain numbers.
        Assert.True(lines.Contains($"\"'{story.Title}\",10000,0,0,7000,0,3000,0,0"), string.Join("\n", lines));
        Assert.Contains(",9,11", (await editor.Http.GetStringAsync("/admin/analytics/newsletter-clicks.csv")).Split('\n').Single(l => l.StartsWith(subject)));
        Assert.Contains($"\"'{story.Title}\",3", (await editor.Http.GetStringAsync("/admin/analytics/signups-per-article.csv")).Split('\n').Select(l => l.Trim()));
        foreach (var table in new[] { "views-per-day", "top-week", "subscriber-growth" })
        {
            Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync($"/admin/analytics/{table}.csv")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync("/admin/analytics/nothing.csv")).StatusCode);

        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        Assert.NotEqual(HttpStatusCode.OK, (await writer.Http.GetAsync("/admin/analytics")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await writer.Http.GetAsync("/admin/analytics/top-today.csv")).StatusCode);
    }
}
