using System.Text.RegularExpressions;

namespace NewsSite.Web.Features.Shared;

/// <summary>
/// An author's public links as typed on their profile (one URL a line) and their X handle: the one reading of both,
/// used by the profile form to validate, by the author page to show and by JSON-LD's <c>sameAs</c>.
/// </summary>
public static partial class ProfileLinks
{
    public const int MaxHandleLength = 15;

    /// <summary>The non-empty lines, trimmed.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A line readers can follow: an absolute http or https address.</summary>
    public static bool IsWebAddress(string line) =>
        Uri.TryCreate(line, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    /// <summary>The links that are web addresses (anything else stored before validation existed is left out).</summary>
    public static IReadOnlyList<string> Parse(string? text) => Lines(text).Where(IsWebAddress).ToList();

    /// <summary>"@maya_ok" → "maya_ok"; null when empty.</summary>
    public static string? NormalizeHandle(string? handle) =>
        string.IsNullOrWhiteSpace(handle) ? null : handle.Trim().TrimStart('@');

    /// <summary>X's own rule: letters, digits and underscores, at most 15.</summary>
    public static bool IsValidHandle(string handle) => Handle().IsMatch(handle);

    public static string XProfile(string handle) => $"https://x.com/{handle}";

    /// <summary>schema.org <c>sameAs</c>: the profile links and the X profile, each once.</summary>
    public static IReadOnlyList<string> SameAs(string? links, string? handle)
    {
        var all = Parse(links).ToList();
        if (NormalizeHandle(handle) is { } h && IsValidHandle(h))
        {
            all.Add(XProfile(h));
        }
        return all.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The comma-separated areas of expertise, trimmed.</summary>
    public static IReadOnlyList<string> Expertise(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex("^[A-Za-z0-9_]{1,15}$")]
    private static partial Regex Handle();
}
