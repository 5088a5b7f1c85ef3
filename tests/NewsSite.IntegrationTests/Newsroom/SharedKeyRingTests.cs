using System.Net;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

public sealed class SharedKeyRingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "newssite-tests", $"shared-keys-{Guid.NewGuid():n}");

    private static NodeFactory Node(string keyDirectory, string? sharedDatabase = null) =>
        new(new Dictionary<string, string?> { ["KeyRing:Directory"] = keyDirectory }, sharedDatabase);

    [Fact]
    public async Task StaffSignedInOnOneNode_IsSignedInOnAnother_ThatSharesTheKeyRing_AndOnNoOtherNode()
    {
        var keys = Path.Combine(root, "keys");
        await using var first = Node(keys);
        _ = first.Services; // the first node migrates; the others find it done
        await using var second = Node(keys, first.ConnectionString);
        await using var stranger = Node(Path.Combine(root, "other-keys"), first.ConnectionString);
        var email = await StaffClient.CreateUserAsync(first, StaffRoles.Editor);

        var signIn = await StaffClient.Anonymous(first).SignInAsync(email, StaffClient.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        async Task<HttpResponseMessage> DashboardOn(NewsSiteFactory node)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://localhost/admin");
            request.Headers.Add("Cookie", cookies);
            return await node.CreateBrowserlessClient().SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await DashboardOn(second)).StatusCode);
        // Same database, same session row, but its own ring: it cannot read the cookie, so it asks for a sign-in.
        var refused = await DashboardOn(stranger);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/sign-in", refused.Headers.Location?.PathAndQuery ?? refused.Headers.Location?.OriginalString);
        Assert.NotEmpty(Directory.EnumerateFiles(keys, "key-*.xml"));
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, "keys")));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
