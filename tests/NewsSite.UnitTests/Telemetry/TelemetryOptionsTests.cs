using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Infrastructure.Telemetry;

namespace NewsSite.UnitTests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void MetricsNetworks_MustBeCidr_BlanksIgnored()
    {
        var options = new TelemetryOptions { MetricsNetworks = ["10.0.0.0/8", "", "2001:db8::/32", "prometheus-host"] };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal("Telemetry:MetricsNetworks: 'prometheus-host' is not a network in CIDR notation (like 10.0.0.0/8).", Assert.Single(errors).ErrorMessage);
    }

    [Fact]
    public void OtlpEndpoint_MustBeAnAbsoluteAddress_AndIsOffByDefault()
    {
        Assert.Null(new TelemetryOptions().Otlp);
        var options = new TelemetryOptions { OtlpEndpoint = "otel-collector:4317" };

        Assert.Contains(options.Validate(new ValidationContext(options)), e => e.ErrorMessage!.StartsWith("Telemetry:OtlpEndpoint"));
    }
}
