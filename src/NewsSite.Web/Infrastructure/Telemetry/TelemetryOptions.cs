using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure.Telemetry;

public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>Where Prometheus scrapes the metrics; readable by administrators and by <see cref="MetricsNetworks"/>, 404 to anyone else.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "Telemetry:PrometheusPath is a path such as /metrics.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Networks (CIDR, e.g. "10.0.0.0/8") whose clients may read the metrics without signing in: the Prometheus server's.</summary>
    public string[] MetricsNetworks { get; set; } = [];

    /// <summary>An OTLP collector (e.g. "http://otel-collector:4317"); traces and metrics are sent there. Unset: nothing is exported, and no spans are made.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// How long the outbox queue depth is kept between counts: counting a large outbox is a real query, so a scrape
    /// every few seconds reuses the last count.
    /// </summary>
    [Range(0.1, 3600)]
    public double OutboxDepthSeconds { get; set; } = 15;

    // Blank entries are ignored: docker compose passes an unset variable as an empty string. A method, not a property:
    // the configuration binding generator cannot bind an IPNetwork and says so with a warning (SYSLIB1100), an error here.
    public IEnumerable<System.Net.IPNetwork> Networks() => MetricsNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => System.Net.IPNetwork.Parse(n.Trim()));

    /// <summary>The collector's address, or null when none (or not an http(s) address: validation reports that).</summary>
    public Uri? Otlp => Uri.TryCreate(OtlpEndpoint?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in MetricsNetworks.Where(n => !string.IsNullOrWhiteSpace(n) && !System.Net.IPNetwork.TryParse(n.Trim(), out _)))
        {
            yield return new ValidationResult($"Telemetry:MetricsNetworks: '{network}' is not a network in CIDR notation (like 10.0.0.0/8).");
        }
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && Otlp is null)
        {
            yield return new ValidationResult($"Telemetry:OtlpEndpoint: '{OtlpEndpoint}' is not an absolute address (like http://collector:4317).");
        }
    }
}
