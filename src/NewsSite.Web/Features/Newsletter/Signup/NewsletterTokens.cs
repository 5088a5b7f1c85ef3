using System.Security.Cryptography;

namespace NewsSite.Web.Features.Newsletter.Signup;

/// <summary>Random tokens for email links, and the hash under which a confirmation token is stored.</summary>
public static class NewsletterTokens
{
    /// <summary>256 random bits, URL-safe.</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as it can arrive in a link: 43 URL-safe characters. Anything else is not looked up at all.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
