using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Features.Newsletter.Delivery;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>
/// The mailbox bounces and complaints arrive in (the one Smtp:ReturnPath names, or a feedback-loop address), read
/// over IMAP. Without a host nothing is read.
/// </summary>
public sealed class BounceMailboxOptions : IValidatableObject
{
    public const string SectionName = "BounceMailbox";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    [StringLength(254)]
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, StringLength(200)]
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where read reports go: moved, never deleted, so an operator can look at what was recorded.</summary>
    [Required, StringLength(200)]
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>Where everything else goes: auto-replies, spam, reports that name no message or address.</summary>
    [Required, StringLength(200)]
    public string UnmatchedFolder { get; set; } = "Unmatched";

    [Range(0.05, 86400)]
    public double PollSeconds { get; set; } = 300;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && string.IsNullOrWhiteSpace(Username))
        {
            yield return new ValidationResult("BounceMailbox:Username is required when BounceMailbox:Host is set.", [nameof(Username)]);
        }
        if (string.Equals(ProcessedFolder, Folder, StringComparison.OrdinalIgnoreCase) || string.Equals(UnmatchedFolder, Folder, StringComparison.OrdinalIgnoreCase))
        {
            // Moving a message into the folder being read would read it again at every round.
            yield return new ValidationResult("BounceMailbox:ProcessedFolder and UnmatchedFolder must differ from BounceMailbox:Folder.", [nameof(ProcessedFolder), nameof(UnmatchedFolder)]);
        }
    }
}
