using System.Text.RegularExpressions;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>A third-party video or post named by its address alone in a paragraph, shown only when the reader asks.</summary>
public sealed record Embed(string Provider, string Action, string OriginalUrl, string FrameSrc);

/// <summary>
/// Which third-party addresses become click-to-load embeds, and the only frame addresses they may load. The article
/// stores a link to the original with the frame's address beside it; site.js makes the sandboxed frame on a click, and
/// the public pages' frame-src lists exactly <see cref="FrameHosts"/>. Nothing from the third party ever runs as
/// script in the site's origin: oEmbed's script snippets (X's widgets.js) are exactly what this avoids.
/// </summary>
public static partial class Embeds
{
    /// <summary>Hosts a body's embed may frame; the CSP's frame-src and site.js's list must say the same.</summary>
    public static readonly IReadOnlyList<string> FrameHosts = ["www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com"];

    /// <summary>The embed a whole-paragraph address stands for, or null for any other text (which stays a link or text).</summary>
    public static Embed? Recognise(string text)
    {
        text = text.Trim();
        if (text.Length > 500 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath;
        string? id;
        if (host is "youtube.com" or "www.youtube.com" or "m.youtube.com")
        {
            id = path == "/watch" ? YouTubeQueryId().Match(uri.Query) is { Success: true } q ? q.Groups[1].Value : null
                : YouTubePathId().Match(path) is { Success: true } p ? p.Groups[1].Value : null;
            return id is null ? null : YouTube(text, id);
        }
        if (host == "youtu.be")
        {
            return YouTubeShortId().Match(path) is { Success: true } m ? YouTube(text, m.Groups[1].Value) : null;
        }
        if (host is "vimeo.com" or "www.vimeo.com")
        {
            return VimeoId().Match(path) is { Success: true } m
                ? new Embed("Vimeo", "Play the video from Vimeo", text, $"https://player.vimeo.com/video/{m.Groups[1].Value}")
                : null;
        }
        if (host is "twitter.com" or "www.twitter.com" or "x.com" or "www.x.com" or "mobile.twitter.com")
        {
            return PostId().Match(path) is { Success: true } m
                ? new Embed("X", "Show the post from X", text, $"https://platform.twitter.com/embed/Tweet.html?id={m.Groups[1].Value}&dnt=true")
                : null;
        }
        return null;
    }

    /// <summary>True for an https address on an allowed frame host: checked again on every stored attribute, whoever wrote it.</summary>
    public static bool IsAllowedFrameSrc(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort
        && string.IsNullOrEmpty(uri.UserInfo) && FrameHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);

    private static Embed YouTube(string original, string id) =>
        new("YouTube", "Play the video from YouTube", original, $"https://www.youtube-nocookie.com/embed/{id}");

    [GeneratedRegex(@"(?:^\?|&)v=([A-Za-z0-9_-]{11})(?:&|$)")]
    private static partial Regex YouTubeQueryId();

    [GeneratedRegex(@"^/(?:shorts|embed|live)/([A-Za-z0-9_-]{11})/?$")]
    private static partial Regex YouTubePathId();

    [GeneratedRegex(@"^/([A-Za-z0-9_-]{11})/?$")]
    private static partial Regex YouTubeShortId();

    [GeneratedRegex(@"^/(\d{1,12})/?$")]
    private static partial Regex VimeoId();

    [GeneratedRegex(@"^/[A-Za-z0-9_]{1,15}/status/(\d{1,25})/?$")]
    private static partial Regex PostId();
}
