using System.Net;
using System.Security.Cryptography;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class TwoFactorTests(NewsroomFactory site)
{
    /// <summary>The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).</summary>
    private static string Totp(string base32Key, long? step = null)
    {
        var key = Base32(base32Key.Replace(" ", "").ToUpperInvariant());
        var counter = step ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }

    [Fact]
    public async Task TwoStepSignIn_WithAnAuthenticatorCode_AndARecoveryCode()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var client = StaffClient.Anonymous(site);
        await client.SignInAsync(email, StaffClient.Password);

        var setup = Html.Parse(await client.GetStringAsync("/admin/account/two-factor"));
        var key = setup.QuerySelector("code.secret")!.TextContent;
        Assert.NotNull(setup.QuerySelector(".qr svg"));

        var wrong = await client.PostFormAsync("/admin/account/two-factor", new() { ["Code"] = "000000" == Totp(key) ? "111111" : "000000" }, tokenFrom: "/admin/account/two-factor");
        Assert.Contains("That code is not valid", await wrong.Content.ReadAsStringAsync());

        var enabled = Html.Parse(await (await client.PostFormAsync("/admin/account/two-factor", new() { ["Code"] = Totp(key) }, tokenFrom: "/admin/account/two-factor")).Content.ReadAsStringAsync());
        var recoveryCodes = enabled.QuerySelectorAll("code.secret").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // Signing in now asks for the second step.
        var second = StaffClient.Anonymous(site);
        var password = await second.SignInAsync(email, StaffClient.Password);
        Assert.StartsWith("/admin/sign-in/two-factor", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Http.GetAsync("/admin")).StatusCode);
        var code = await second.PostFormAsync("/admin/sign-in/two-factor", new() { ["Code"] = Totp(key) }, tokenFrom: password.Headers.Location!.OriginalString);
        Assert.Equal("/admin", code.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/admin")).StatusCode);

        // A recovery code works once.
        var third = StaffClient.Anonymous(site);
        var step = await third.SignInAsync(email, StaffClient.Password);
        var recovered = await third.PostFormAsync("/admin/sign-in/two-factor", new() { ["Code"] = recoveryCodes[0], ["UseRecoveryCode"] = "true" }, tokenFrom: step.Headers.Location!.OriginalString);
        Assert.Equal("/admin", recovered.Headers.Location?.OriginalString);
        var fourth = StaffClient.Anonymous(site);
        var again = await fourth.SignInAsync(email, StaffClient.Password);
        var reused = await fourth.PostFormAsync("/admin/sign-in/two-factor", new() { ["Code"] = recoveryCodes[0], ["UseRecoveryCode"] = "true" }, tokenFrom: again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }
}
