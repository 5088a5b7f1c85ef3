using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Newsletter;

public sealed class NewsletterOptions
{
    public const string SectionName = "Newsletter";

    /// <summary>Newsletter messages per second at most (transactional mail is never held back); 0 is unlimited.</summary>
    [Range(0, 100000)]
    public double MaxPerSecond { get; set; } = 50;

    [Range(1, 720)]
    public int ConfirmationHours { get; set; } = 48;

    /// <summary>A pending address gets at most one new confirmation email in this many minutes.</summary>
    [Range(0, 1440)]
    public int ResendMinutes { get; set; } = 10;

    /// <summary>A pending address gets at most this many confirmation emails in 24 hours, however they are spaced.</summary>
    [Range(1, 100)]
    public int ConfirmationsPerDay { get; set; } = 3;

    /// <summary>Signup attempts allowed per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int SignupsPerMinutePerIp { get; set; } = 10;

    /// <summary>Mailbox named in List-Unsubscribe's mailto; empty uses the Smtp:From address.</summary>
    public string? UnsubscribeMailbox { get; set; }

    /// <summary>Soft bounces (a full mailbox, a server busy) within <see cref="SoftBounceWindowDays"/> that suppress an address.</summary>
    [Range(1, 100)]
    public int SoftBounceLimit { get; set; } = 3;

    [Range(1, 365)]
    public int SoftBounceWindowDays { get; set; } = 30;

    /// <summary>How often scheduled issues and automatic digests are looked at (and digests' next issues refreshed).</summary>
    [Range(0.05, 3600)]
    public double ScheduleCheckSeconds { get; set; } = 30;

    /// <summary>Count clicks on an issue's links (one count per link, nobody's clicks recorded): links go through the site.</summary>
    public bool CountClicks { get; set; }

    /// <summary>Count opens with a 1x1 image. Unreliable (mail privacy protection opens every message), so off unless asked for.</summary>
    public bool CountOpens { get; set; }

    /// <summary>Days a preference-centre link (in every email, or asked for on the site) keeps working.</summary>
    [Range(1, 365)]
    public int PreferenceLinkDays { get; set; } = 30;
}
