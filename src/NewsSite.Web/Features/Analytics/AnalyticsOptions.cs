using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Analytics;

public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>Count page views at all. Off, the counting middleware is not in the pipeline.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Leave out readers whose browser sends <c>Sec-GPC: 1</c> or <c>DNT: 1</c>.</summary>
    public bool RespectPrivacySignals { get; set; } = true;

    /// <summary>How often each node writes the counts it holds in memory (and it writes them when it stops).</summary>
    [Range(1, 3600)]
    public int FlushSeconds { get; set; } = 30;

    /// <summary>How long hourly counts are kept; older rows are deleted once a day.</summary>
    [Range(2, 3650)]
    public int KeepDays { get; set; } = 400;

    /// <summary>How long a node keeps the "most read" list before reading the counts again.</summary>
    [Range(0.01, 1440)]
    public double MostReadMinutes { get; set; } = 5;

    /// <summary>How many stories the "most read" block shows.</summary>
    [Range(1, 20)]
    public int MostReadCount { get; set; } = 5;
}
