using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Newsletter.Delivery;

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

    /// <summary>
    /// How long a batch stays leased to the sender that claimed it. A sender renews it while working; if its node
    /// dies, the batch's unsent messages become due again after this long and another node sends them.
    /// </summary>
    [Range(5, 3600)]
    public double ClaimLeaseSeconds { get; set; } = 300;

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
