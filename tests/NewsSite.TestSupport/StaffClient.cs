using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;

namespace NewsSite.TestSupport;

/// <summary>
/// A browser-like client for the newsroom: keeps cookies, signs in through the real sign-in form and posts forms
/// with the antiforgery token taken from a real page. Uses https so the Secure cookies travel as in production.
/// </summary>
public sealed partial class StaffClient
{
    public const string Password = "correct horse battery staple";

    private StaffClient(HttpClient http)
    {
        Http = http;
        // Each client is a different visitor to the per-client throttles, as people at their own desks would be.
        Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, ClientAddressFilter.NewAddress());
    }

    public HttpClient Http { get; }

    public static StaffClient Anonymous(NewsSiteFactory site) =>
        new(site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = true }));

    public static async Task<StaffClient> SignedInAsync(NewsSiteFactory site, string role)
    {
        var email = await CreateUserAsync(site, role);
        var client = Anonymous(site);
        var response = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<string> CreateUserAsync(NewsSiteFactory site, string role, bool disabled = false)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():n}@newsroom.test";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{role} {email[..8]}", IsDisabled = disabled, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        await PostFormAsync(returnUrl is null ? "/admin/sign-in" : $"/admin/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl ?? "" }, tokenFrom: "/admin/sign-in");

    /// <summary>Posts a form with a token from <paramref name="tokenFrom"/> (default: the dashboard, or the sign-in page when anonymous).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null) =>
        PostFieldsAsync(url, fields, tokenFrom);

    public async Task<HttpResponseMessage> PostFieldsAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? tokenFrom = null)
    {
        var token = await TokenAsync(tokenFrom ?? "/admin");
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public async Task<string> TokenAsync(string page)
    {
        var response = await Http.GetAsync(page);
        var token = TokenIn(await response.Content.ReadAsStringAsync());
        Assert.True(token is not null, $"No antiforgery token on {page} ({(int)response.StatusCode})");
        return token;
    }

    /// <summary>The antiforgery token a page's form carries, or null.</summary>
    public static string? TokenIn(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    /// <summary>Makes this client a visitor from <paramref name="address"/> (for per-client limits and proxies).</summary>
    public StaffClient From(string address)
    {
        Http.DefaultRequestHeaders.Remove(ClientAddressFilter.Header);
        Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, address);
        return this;
    }

    public async Task<string> GetStringAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
