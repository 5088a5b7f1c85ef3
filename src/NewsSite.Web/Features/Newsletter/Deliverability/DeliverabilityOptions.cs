using System.ComponentModel.DataAnnotations;
using System.Net;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

public sealed class DeliverabilityOptions : IValidatableObject
{
    public const string SectionName = "Deliverability";

    /// <summary>The DNS server the check page asks ("127.0.0.1:5353"); empty asks the machine's own resolvers.</summary>
    public string? DnsServer { get; set; }

    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 5;

    // A method, not a property: the configuration binding generator cannot bind an IPEndPoint and says so with a warning
    // (SYSLIB1100), an error here.
    public IPEndPoint? DnsEndPoint() => string.IsNullOrWhiteSpace(DnsServer) ? null
        : IPEndPoint.TryParse(DnsServer.Trim(), out var endPoint) ? (endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint)
        : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(DnsServer) && DnsEndPoint() is null)
        {
            yield return new ValidationResult("Deliverability:DnsServer must be an IP address with an optional port, like 127.0.0.1:5353.", [nameof(DnsServer)]);
        }
    }
}
