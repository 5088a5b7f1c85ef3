using NewsSite.Data.Entities;
using NewsSite.Web.Features.Analytics;

namespace NewsSite.UnitTests.Analytics;

public sealed class PageViewTallyTests
{
    [Fact]
    public void Take_SumsPerHourPageAndSource_ThenStartsAgain_AndPutBackKeepsWhatAFlushCouldNotWrite()
    {
        var clock = new HandClock(new DateTimeOffset(2026, 11, 30, 9, 59, 0, TimeSpan.Zero));
        var tally = new PageViewTally(clock);
        tally.Add("/a", ReferrerClass.Direct, 1);
        tally.Add("/a", ReferrerClass.Direct, null);
        tally.Add("/a", ReferrerClass.Search, 1);
        clock.Advance(TimeSpan.FromMinutes(2));
        tally.Add("/a", ReferrerClass.Direct, 1);

        var batch = tally.Take();
        Assert.Equal(3, batch.Count);
        Assert.Equal(2, batch.Single(r => r.Hour.Hour == 9 && r.Source == ReferrerClass.Direct).Views);
        Assert.Equal(1, batch.Single(r => r.Hour.Hour == 10).Views);
        Assert.All(batch, r => Assert.Equal(1, r.ArticleId));
        Assert.Empty(tally.Take());

        tally.PutBack(batch);
        tally.Add("/a", ReferrerClass.Direct, 1);
        Assert.Equal(2, tally.Take().Single(r => r.Hour.Hour == 10).Views);
    }
}
