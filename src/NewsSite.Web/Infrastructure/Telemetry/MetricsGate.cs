using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.Web.Infrastructure.Telemetry;

/// <summary>
/// In front of the Prometheus endpoint: a scraper in Telemetry:MetricsNetworks (its address as the trusted proxies
/// tell it, see ProxySetup) or a signed-in administrator reads the metrics; anyone else gets the site's ordinary 404,
/// so the endpoint is not advertised. The numbers say how busy the site is and how its mail fares: not for everyone.
/// </summary>
public sealed class MetricsGate(RequestDelegate next, IOptions<TelemetryOptions> options, IAuthorizationService authorization)
{
    private readonly System.Net.IPNetwork[] networks = [.. options.Value.Networks()];

    public async Task InvokeAsync(HttpContext context)
    {
        if (ClientAddress.IsIn(context, networks) || (await authorization.AuthorizeAsync(context.User, Policies.ReadMetrics)).Succeeded)
        {
            context.Response.Headers.CacheControl = "no-store";
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
