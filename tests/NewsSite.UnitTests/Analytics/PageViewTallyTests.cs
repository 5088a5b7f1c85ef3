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

    [Fact]
    public void ACounterIdleSinceTheLastFlush_Goes_AndItsPageCountsAgainWhenReadAgain()
    {
        var tally = new PageViewTally(new HandClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        tally.Add("/a", ReferrerClass.Direct, 1);
        tally.Add("/b", ReferrerClass.Direct, 2);
        Assert.Equal(2, tally.Take().Count);
        tally.Add("/a", ReferrerClass.Direct, 1);

        Assert.Equal("/a", Assert.Single(tally.Take()).Path);
        Assert.Equal(1, tally.CounterCount);
        Assert.Empty(tally.Take());
        Assert.Equal(0, tally.CounterCount);

        tally.Add("/b", ReferrerClass.Direct, 2);
        var row = Assert.Single(tally.Take());
        Assert.Equal(("/b", 1L, 2), (row.Path, row.Views, row.ArticleId));
    }

    [Fact]
    public async Task NoViewIsLost_WhileFlushesRetireIdleCounters()
    {
        var tally = new PageViewTally(new HandClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
        const int Readers = 4, ViewsEach = 200_000;
        long taken = 0;
        var reading = Enumerable.Range(0, Readers).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            for (var i = 0; i < ViewsEach; i++)
            {
                // Many pages, each read now and then: counters go idle and are retired while others are read.
                tally.Add($"/story-{random.Next(2_000)}", ReferrerClass.Direct, null);
            }
        })).ToArray();
        var flushes = 0;
        while (!reading.All(t => t.IsCompleted))
        {
            taken += tally.Take().Sum(r => r.Views);
            flushes++;
        }
        await Task.WhenAll(reading);
        taken += tally.Take().Sum(r => r.Views);

        Assert.True(flushes > 1);
        Assert.Equal((long)Readers * ViewsEach, taken);
    }
}
