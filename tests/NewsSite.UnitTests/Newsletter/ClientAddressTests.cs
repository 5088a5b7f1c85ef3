using System.Net;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.UnitTests.Newsletter;

public sealed class ClientAddressTests
{
    [Fact]
    public void IPv6Clients_InOneSlash64_ShareOneLimit()
    {
        var a = ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:2::1"));
        var b = ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        var otherNetwork = ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:3::1"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherNetwork);
        Assert.Equal("2001:db8:1:2::/64", a);
    }

    [Fact]
    public void IPv4Clients_AreLimitedPerAddress_EvenWhenMappedIntoIPv6()
    {
        Assert.Equal("192.0.2.7", ClientAddress.PartitionKey(IPAddress.Parse("192.0.2.7")));
        Assert.Equal("192.0.2.7", ClientAddress.PartitionKey(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.NotEqual(ClientAddress.PartitionKey(IPAddress.Parse("192.0.2.7")), ClientAddress.PartitionKey(IPAddress.Parse("192.0.2.8")));
        Assert.Equal("unknown", ClientAddress.PartitionKey((IPAddress?)null));
    }
}
