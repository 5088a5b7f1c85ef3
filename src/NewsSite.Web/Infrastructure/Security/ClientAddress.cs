using System.Net;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// The key that rate limits and throttles count a client by: its IPv4 address, or its IPv6 /64. One IPv6 subscriber
/// line usually holds a whole /64, so counting single IPv6 addresses would let one client be billions.
/// </summary>
public static class ClientAddress
{
    public static string PartitionKey(HttpContext context) => PartitionKey(context.Connection.RemoteIpAddress);

    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Whether the client is in one of <paramref name="networks"/>: its own address, or the one a trusted proxy
    /// forwarded (ProxySetup has already put it in RemoteIpAddress; other senders' X-Forwarded-For is ignored).
    /// </summary>
    public static bool IsIn(HttpContext context, IReadOnlyCollection<System.Net.IPNetwork> networks)
    {
        if (networks.Count == 0 || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return networks.Any(network => network.Contains(address));
    }
}
