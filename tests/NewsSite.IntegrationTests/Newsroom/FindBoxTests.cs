using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>
/// The newsroom's find boxes ignore case and take % and _ literally on every engine (PostgreSQL's LIKE, unlike
/// SQLite's, is case-sensitive).
/// </summary>
[Collection(NewsroomCollection.Name)]
public sealed class FindBoxTests(NewsroomFactory site)
{
    [Fact]
    public async Task ArticleList_FindsTitles_IgnoringCase_WithPercentAndUnderscoreTakenLiterally()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var marker = Guid.NewGuid().ToString("n")[..12];
        var article = await new ArticleBuilder().Titled($"Harbour tunnel {marker} is 100% ready").SaveAsync(site);

        var upper = await editor.GetStringAsync($"/admin/articles?q={Uri.EscapeDataString($"HARBOUR TUNNEL {marker.ToUpperInvariant()}")}");
        var percent = await editor.GetStringAsync($"/admin/articles?q={Uri.EscapeDataString($"{marker} is 100%")}");
        var wildcard = await editor.GetStringAsync($"/admin/articles?q={Uri.EscapeDataString($"{marker} is 1_0")}");

        Assert.Contains(article.Title, upper);
        Assert.Contains(article.Title, percent);
        Assert.DoesNotContain(article.Title, wildcard);
    }

    [Fact]
    public async Task SubscriberDirectory_FindsNames_IgnoringCase()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var marker = Guid.NewGuid().ToString("n")[..12];
        await site.WithDbAsync(async db =>
        {
            db.Subscribers.Add(new Subscriber
            {
                Email = $"{marker}@example.com",
                Name = $"Ada Lovelace {marker}",
                Status = SubscriberStatus.Confirmed,
                UnsubscribeToken = Guid.NewGuid().ToString("n"),
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var page = await admin.GetStringAsync($"/admin/subscribers?q={Uri.EscapeDataString($"LOVELACE {marker.ToUpperInvariant()}")}");

        Assert.Contains($"{marker}@example.com", page);
    }
}
