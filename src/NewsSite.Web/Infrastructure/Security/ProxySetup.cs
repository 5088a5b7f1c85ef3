using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the site believes.</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the site (nginx, a load balancer), e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. "172.18.0.0/16" for a Docker network.</summary>
    public string[] KnownNetworks { get; set; } = [];

    // Blank entries are ignored: docker compose passes an unset variable as an empty string.
    public IEnumerable<string> Proxies => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim());

    public IEnumerable<string> Networks => KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim());

    public bool Any => Proxies.Any() || Networks.Any();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in Proxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
        }
        foreach (var network in Networks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (like 10.0.0.0/8).");
        }
    }
}

/// <summary>
/// Forwarded headers are believed only when they come from a configured proxy. Anyone can send X-Forwarded-For: were
/// it believed from anywhere, rate limits, sign-in throttles and audit addresses could be forged at will.
/// </summary>
public static class ProxySetup
{
    public static WebApplicationBuilder AddNewsProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateWith(new ProxyOptionsValidator()).ValidateOnStart();
        // PostConfigure, so this has the last word even over ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts anyone.
        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // With no proxy configured, ASP.NET Core would believe every sender; believe nobody instead.
            forwarded.ForwardedHeaders = proxies.Value.Any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            foreach (var proxy in proxies.Value.Proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in proxies.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static WebApplication UseNewsForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
