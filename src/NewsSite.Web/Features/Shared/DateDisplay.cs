using System.Globalization;

namespace NewsSite.Web.Features.Shared;

/// <summary>Shows stored UTC times in the paper's own time zone (as the settings page last set it).</summary>
public sealed class DateDisplay(CurrentSite site, TimeProvider clock)
{
    private TimeZoneInfo? zone;

    private TimeZoneInfo Zone => zone ??= site.Get().Zone;

    public string Long(DateTime utc) => Local(utc).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"30 November 2026, 09:12 London time": readers abroad need to know whose clock a time is on.</summary>
    public string LongWithZone(DateTime utc) => $"{Long(utc)} {ZoneName}";

    /// <summary>The paper's time zone as people say it: "Europe/London" is "London time".</summary>
    public string ZoneName => Zone.Id is "UTC" or "Etc/UTC" ? "UTC" : Zone.Id[(Zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ') + " time";

    /// <summary>"Tue 1 Dec 07:00": an upcoming time within the next weeks.</summary>
    public string Weekday(DateTime utc) => Local(utc).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public string Short(DateTime utc) => Local(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>How long ago, as people say it: "just now", "2 min ago", "3 h ago", else the date.</summary>
    public string Ago(DateTime utc)
    {
        var elapsed = clock.GetUtcNow().UtcDateTime - utc;
        return elapsed.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)elapsed.TotalMinutes} min ago",
            < 24 * 60 => $"{(int)elapsed.TotalHours} h ago",
            _ => "on " + Short(utc),
        };
    }

    /// <summary>The machine-readable value for a time element's datetime attribute.</summary>
    public static string Iso(DateTime utc) => StructuredData.Iso(utc);

    /// <summary>When the paper's local day <paramref name="day"/> begins, in UTC (for "from"/"to" date filters).</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Zone);

    /// <summary>A time typed on the paper's clock (a datetime-local field) in UTC; null for a time the clocks skip.</summary>
    public DateTime? FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>A time on the paper's clock, for a form's datetime-local field.</summary>
    public DateTime ToLocal(DateTime utc) => Local(utc);

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
