using System.Net;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>
/// A browser-like client of the cluster: one cookie jar for 127.0.0.1 whatever the port, so a sign-in through nginx
/// also travels to a node asked directly, as a cookie from any node must work on every node.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    private readonly HttpClient http;

    public ClusterClient(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The same person (cookie jar) talking to another address: a node directly, say.</summary>
    public ClusterClient At(Uri baseAddress) => new(baseAddress, Cookies);

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public async Task<string> GetStringAsync(string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {http.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> TokenAsync(string page) =>
        StaffClient.TokenIn(await GetStringAsync(page)) ?? throw new InvalidOperationException($"No form token on {page}");

    /// <summary>Posts a form with the antiforgery token from <paramref name="tokenFrom"/> (fetched from this same address).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string tokenFrom)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(tokenFrom) };
        return await http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => http.PostAsync(path, content);

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/admin/sign-in", new() { ["Email"] = email, ["Password"] = password }, "/admin/sign-in");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/admin",
            $"Sign-in answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    public void Dispose() => http.Dispose();
}
