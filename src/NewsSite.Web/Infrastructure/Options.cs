using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    [Required, StringLength(100)]
    public string Name { get; set; } = "NewsSite";

    /// <summary>Absolute base address used wherever a link must work outside the site: feeds, canonical links, emails.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    [StringLength(300)]
    public string Description { get; set; } = "";

    /// <summary>The inline advertisement goes after this many paragraphs of an article body.</summary>
    [Range(1, 50)]
    public int AdAfterParagraph { get; set; } = 3;

    [Range(5, 100)]
    public int PageSize { get; set; } = 12;

    /// <summary>IANA time zone in which dates are shown to readers; stored times stay UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    public Uri AbsoluteUrl(string path) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), path.TrimStart('/'));
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seeds the sample articles, but only into a database with no sections yet.</summary>
    public bool SeedSampleContent { get; set; } = true;
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the database, uploaded media, logs and the mail pickup folder; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";
}

public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>Output caching of anonymous pages. Off only to measure the cost of rendering.</summary>
    public bool OutputCacheEnabled { get; set; } = true;

    // Content changes evict pages at once; the expiry only bounds time-based changes such as "last 48 hours".
    [Range(1, 86400)]
    public int PageSeconds { get; set; } = 300;
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>With no host, messages are written as .eml files to <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "NewsSite <newsletter@localhost>";

    [Required]
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the sender looks for due mail when nothing wakes it sooner.</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed per round, shared between the connections, before the next batch is claimed.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// SMTP connections used at once. Each message waits for the server's answer before the next goes on the same
    /// connection; a few connections keep the server busy meanwhile. Mail services limit this, so keep it small.
    /// </summary>
    [Range(1, 16)]
    public int Connections { get; set; } = 2;

    /// <summary>After this many failed attempts a message is marked failed, with its last error kept.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each later one twice as long as the one before.</summary>
    [Range(0.1, 3600)]
    public double FirstRetrySeconds { get; set; } = 30;

    /// <summary>Sent messages (and newsletter bodies no message uses any more) are deleted after this many days.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}

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
}

public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
