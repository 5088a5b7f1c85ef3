using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace NewsSite.TestSupport;

/// <summary>
/// In-process test requests have no remote address. This lets a test say which client it is (the X-Test-Client header),
/// so per-client rate limits and throttles can be tested, and so unrelated tests do not all count as one client.
/// </summary>
public sealed class ClientAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A made-up client address of its own (in the documentation range 2001:db8::/32), one /64 per call.</summary>
    public static string NewAddress()
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0x20; bytes[1] = 0x01; bytes[2] = 0x0d; bytes[3] = 0xb8;
        return new IPAddress(bytes).ToString();
    }
}
