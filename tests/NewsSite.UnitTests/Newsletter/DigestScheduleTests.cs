using NewsSite.Web.Features.Newsletter.Newsletters;

namespace NewsSite.UnitTests.Newsletter;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly int Monday = DigestSchedule.Bit(DayOfWeek.Monday);
    private static readonly int Sunday = DigestSchedule.Bit(DayOfWeek.Sunday);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void NextSend_KeepsTheLocalTime_AcrossTheSpringClockChange()
    {
        // 07:00 on Mondays: 07:00 UTC in winter (23 March), 06:00 UTC once the clocks have gone forward (30 March).
        Assert.Equal(Utc(3, 23, 7), DigestSchedule.NextAfter(Utc(3, 20, 12), Monday, 7 * 60, London));
        Assert.Equal(Utc(3, 30, 6), DigestSchedule.NextAfter(Utc(3, 23, 7), Monday, 7 * 60, London));
        Assert.Equal(Utc(3, 23, 7), DigestSchedule.PreviousAtOrBefore(Utc(3, 30, 5, 59), Monday, 7 * 60, London));
    }

    [Fact]
    public void NextSend_AtATimeTheClocksSkip_GoesWhenTheClockPassesIt_AndAtATimeThatHappensTwice_GoesTheFirstTime()
    {
        // 01:30 on 29 March 2026 does not exist in London (01:00 → 02:00): it goes at 01:00 UTC, the jump.
        Assert.Equal(Utc(3, 29, 1), DigestSchedule.NextAfter(Utc(3, 28, 12), Sunday, 90, London));
        // 01:30 on 25 October 2026 happens twice: the first is 00:30 UTC (still BST).
        Assert.Equal(Utc(10, 25, 0, 30), DigestSchedule.NextAfter(Utc(10, 24, 12), Sunday, 90, London));
    }

    [Fact]
    public void NoDays_NoSend()
    {
        Assert.Null(DigestSchedule.NextAfter(Utc(3, 20, 12), 0, 7 * 60, London));
        Assert.Equal("Mon, Wed", DigestSchedule.DaysText(Monday | DigestSchedule.Bit(DayOfWeek.Wednesday)));
    }
}
