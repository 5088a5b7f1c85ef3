using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Features.Newsletter.Delivery;

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

    /// <summary>Empty: <c>mail-pickup</c> in the data folder, so each node of several writes to its own.</summary>
    [StringLength(1000)]
    public string? PickupDirectory { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The bounce mailbox ("bounces@bounce.example.com", which may be a separate bounce domain). When set, each
    /// message's envelope sender is made from it per message (VERP), so bounces name the message they answer.
    /// </summary>
    [StringLength(254)]
    public string? ReturnPath { get; set; }
}
