using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>The site behind a proxy at 192.0.2.10 and a proxy network 198.51.100.0/24.</summary>
public sealed class BehindProxySiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10",
        ["ForwardedHeaders:KnownNetworks:0"] = "198.51.100.0/24",
    };
}

public sealed class ForwardedHeadersTests(BehindProxySiteFactory proxied) : IClassFixture<BehindProxySiteFactory>
{
    [Theory]
    [InlineData("192.0.2.10", "203.0.113.7", "203.0.113.7")]
    [InlineData("198.51.100.44", "203.0.113.8", "203.0.113.8")]
    [InlineData("192.0.2.99", "203.0.113.9", "192.0.2.99")]
    public async Task ForwardedFor_IsBelievedOnlyFromConfiguredProxies(string sender, string forwardedFor, string recorded)
    {
        var email = $"nobody-{Guid.NewGuid():n}@newsroom.test";
        await StaffClient.CreateUserAsync(proxied, StaffRoles.Writer);

        await FailSignInAsync(proxied, email, sender, forwardedFor);

        Assert.Equal(recorded, await AuditedAddressAsync(proxied, email));
    }

    [Fact]
    public async Task WithNoProxyConfigured_ForwardedForIsIgnored()
    {
        await using var direct = new NewsSiteFactory();
        await StaffClient.CreateUserAsync(direct, StaffRoles.Writer);
        var email = $"nobody-{Guid.NewGuid():n}@newsroom.test";

        await FailSignInAsync(direct, email, "192.0.2.10", "203.0.113.7");

        Assert.Equal("192.0.2.10", await AuditedAddressAsync(direct, email));
    }

    private static async Task FailSignInAsync(NewsSiteFactory site, string email, string sender, string forwardedFor)
    {
        var client = StaffClient.Anonymous(site).From(sender);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        await client.SignInAsync(email, "a wrong password");
    }

    private static Task<string?> AuditedAddressAsync(NewsSiteFactory site, string email) =>
        site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Action == "sign-in-failed" && e.Target == email).Select(e => e.IpAddress).SingleAsync());
}
