using System.Net;
using System.Text.RegularExpressions;

namespace NewsSite.Web.Features.Imports.WordPress;

/// <summary>
/// WordPress's shortcodes, turned into the HTML they stand for before the body is converted: [caption] becomes a
/// figure with its caption, [gallery] its images, [embed], [youtube], [audio] and [video] the address alone on a line
/// (a click-to-load embed for the sites the renderer knows, a link otherwise). Any other shortcode stays as typed, so
/// readers and editors see it rather than lose what it said.
/// </summary>
public static partial class Shortcodes
{
    /// <summary>The images of a gallery: the listed attachment ids, or the post's own attachments.</summary>
    public delegate IReadOnlyList<(string Url, string Alt)> GalleryImages(IReadOnlyList<int> ids);

    public static string Expand(string content, GalleryImages gallery, ICollection<string> handled)
    {
        content = Caption().Replace(content, m =>
        {
            handled.Add("caption");
            var attributes = Attributes(m.Groups[1].Value);
            var inner = m.Groups[2].Value.Trim();
            var picture = LeadingImage().Match(inner);
            var image = picture.Success ? picture.Value : "";
            var caption = picture.Success ? inner[picture.Length..].Trim() : inner;
            if (caption.Length == 0 && attributes.TryGetValue("caption", out var attributeCaption))
            {
                caption = WebUtility.HtmlEncode(attributeCaption);
            }
            return $"\n\n<figure>{image}<figcaption>{caption}</figcaption></figure>\n\n";
        });
        content = Gallery().Replace(content, m =>
        {
            handled.Add("gallery");
            var attributes = Attributes(m.Groups[1].Value);
            var ids = attributes.TryGetValue("ids", out var list)
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.TryParse(s, out var id) ? id : 0).Where(id => id > 0).ToList()
                : [];
            var images = gallery(ids);
            return images.Count == 0 ? m.Value
                : "\n\n" + string.Join("\n\n", images.Select(i => $"<p><img src=\"{WebUtility.HtmlEncode(i.Url)}\" alt=\"{WebUtility.HtmlEncode(i.Alt)}\"></p>")) + "\n\n";
        });
        content = Embed().Replace(content, m =>
        {
            handled.Add("embed");
            return $"\n\n<p>{WebUtility.HtmlEncode(m.Groups[1].Value.Trim())}</p>\n\n";
        });
        content = Media().Replace(content, m =>
        {
            var kind = m.Groups[1].Value.ToLowerInvariant();
            var attributes = Attributes(m.Groups[2].Value);
            var url = attributes.Where(a => a.Key is "src" or "url" or "mp3" or "m4a" or "ogg" or "wav" or "mp4" or "m4v" or "webm" or "ogv" or "" or "0")
                .Select(a => a.Value).FirstOrDefault(v => v.StartsWith("http", StringComparison.OrdinalIgnoreCase));
            if (url is null)
            {
                return m.Value;
            }
            handled.Add(kind);
            // A player would be the old site's script: a link to the file (or the page's address, for YouTube) is what stays.
            return kind is "youtube" or "vimeo"
                ? $"\n\n<p>{WebUtility.HtmlEncode(url)}</p>\n\n"
                : $"\n\n<p><a href=\"{WebUtility.HtmlEncode(url)}\">{(kind == "audio" ? "Listen" : "Watch")}: {WebUtility.HtmlEncode(Path.GetFileName(new Uri(url).AbsolutePath))}</a></p>\n\n";
        });
        return content;
    }

    /// <summary>Shortcodes left in the text as typed, by name: for the report.</summary>
    public static IReadOnlyList<string> Remaining(string content) =>
        Any().Matches(content).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        // [youtube=https://…] names its address without an attribute.
        text = text.TrimStart().TrimStart('=');
        foreach (Match match in Attribute().Matches(text))
        {
            var name = match.Groups[1].Success && match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : (position++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var value = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Success ? match.Groups[3].Value : match.Groups[4].Value;
            result.TryAdd(name, WebUtility.HtmlDecode(value));
        }
        return result;
    }

    [GeneratedRegex(@"\[caption([^\]]*)\](.*?)\[/caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingImage();

    [GeneratedRegex(@"\[gallery([^\]]*)\]", RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"\[embed[^\]]*\](.*?)\[/embed\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[(audio|video|youtube|vimeo)((?:=|\s)[^\]]*)?\](?:\s*\[/\1\])?", RegexOptions.IgnoreCase)]
    private static partial Regex Media();

    [GeneratedRegex(@"(?:([\w-]+)\s*=\s*)?(?:""([^""]*)""|'([^']*)'|([^\s""'\]]+))")]
    private static partial Regex Attribute();

    // [name], [name attr="…"] or [name]…[/name]: a bracketed aside in prose ("[simple boat]") is not one.
    [GeneratedRegex(@"\[([a-z][a-z0-9_-]*)(?:\]|\s[^\]]*=[^\]]*\])", RegexOptions.IgnoreCase)]
    private static partial Regex Any();
}
