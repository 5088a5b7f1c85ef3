namespace NewsSite.Web.Features.Newsletter.Newsletters;

/// <summary>
/// When a digest goes out: on the chosen days (bits, 1 = Sunday … 64 = Saturday) at a minute of the paper's local
/// day, turned into UTC with the paper's zone on that very date, so the send stays at 07:00 local across a change of
/// clocks. A time the clocks skip (02:30 on a spring-forward night) goes out as soon as the clock passes it; a time
/// that happens twice (autumn) goes out the first time.
/// </summary>
public static class DigestSchedule
{
    public const int EveryDay = 127;

    public static int Bit(DayOfWeek day) => 1 << (int)day;

    public static bool IsValid(int days, int minuteOfDay) => days is > 0 and <= EveryDay && minuteOfDay is >= 0 and < 24 * 60;

    /// <summary>The first send time strictly after <paramref name="afterUtc"/>; null when no day is chosen.</summary>
    public static DateTime? NextAfter(DateTime afterUtc, int days, int minuteOfDay, TimeZoneInfo zone)
    {
        if (!IsValid(days, minuteOfDay))
        {
            return null;
        }
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone)).AddDays(-1);
        for (var i = 0; i < 9; i++, localDate = localDate.AddDays(1))
        {
            if ((days & Bit(localDate.DayOfWeek)) != 0 && ToUtc(localDate, minuteOfDay, zone) is var at && at > afterUtc)
            {
                return at;
            }
        }
        return null;
    }

    /// <summary>The last send time at or before <paramref name="atOrBeforeUtc"/>; null when no day is chosen.</summary>
    public static DateTime? PreviousAtOrBefore(DateTime atOrBeforeUtc, int days, int minuteOfDay, TimeZoneInfo zone)
    {
        if (!IsValid(days, minuteOfDay))
        {
            return null;
        }
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(atOrBeforeUtc, DateTimeKind.Utc), zone)).AddDays(1);
        for (var i = 0; i < 9; i++, localDate = localDate.AddDays(-1))
        {
            if ((days & Bit(localDate.DayOfWeek)) != 0 && ToUtc(localDate, minuteOfDay, zone) is var at && at <= atOrBeforeUtc)
            {
                return at;
            }
        }
        return null;
    }

    public static DateTime ToUtc(DateOnly localDate, int minuteOfDay, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clocks: the moment the clock jumps over it is the moment it "passes".
            var before = local;
            while (zone.IsInvalidTime(before))
            {
                before = before.AddMinutes(-1);
            }
            return TimeZoneInfo.ConvertTimeToUtc(before, zone).AddMinutes(1);
        }
        if (zone.IsAmbiguousTime(local))
        {
            // Happens twice: the first time is under the larger (daylight) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>"Mon, Wed, Fri", "every day".</summary>
    public static string DaysText(int days) => days == EveryDay ? "every day"
        : string.Join(", ", Enum.GetValues<DayOfWeek>().Where(d => (days & Bit(d)) != 0).Select(d => d.ToString()[..3]));
}
