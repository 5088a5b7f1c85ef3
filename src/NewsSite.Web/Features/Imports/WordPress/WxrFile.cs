using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace NewsSite.Web.Features.Imports.WordPress;

public sealed record WxrAuthor(string Login, string DisplayName);

public sealed record WxrCategory(string Slug, string Name, string? Parent, string? Description);

public sealed record WxrTerm(string Domain, string Slug, string Name);

public sealed record WxrItem
{
    public required int Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public string Title { get; init; } = "";
    public string? Link { get; init; }
    public string Content { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTime? DateGmt { get; init; }
    public DateTime? DateLocal { get; init; }
    public string Creator { get; init; } = "";
    public bool Sticky { get; init; }
    public string Password { get; init; } = "";
    public int Parent { get; init; }
    public string? AttachmentUrl { get; init; }
    public IReadOnlyList<WxrTerm> Terms { get; init; } = [];
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
    public int Comments { get; init; }
}

/// <summary>A WordPress export (WXR 1.0–1.2) as plain records. DTDs are refused (no entity expansion, no outside files).</summary>
public sealed class WxrFile
{
    public IReadOnlyList<WxrAuthor> Authors { get; private init; } = [];
    public IReadOnlyList<WxrCategory> Categories { get; private init; } = [];
    public IReadOnlyList<WxrTerm> Tags { get; private init; } = [];
    public IReadOnlyList<WxrItem> Items { get; private init; } = [];

    /// <summary>Reads the export; a file that is not one throws <see cref="FormatException"/> with a message for the operator.</summary>
    public static WxrFile Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"That is not a WordPress export: the XML could not be read ({e.Message}).");
        }
        var channel = document.Root?.Element("channel");
        var wp = channel?.GetNamespaceOfPrefix("wp");
        if (channel is null || wp is null || !wp.NamespaceName.Contains("/export/", StringComparison.Ordinal))
        {
            throw new FormatException("That is not a WordPress export (WXR): it has no channel in WordPress's export namespace.");
        }
        var content = channel.GetNamespaceOfPrefix("content") ?? XNamespace.None;
        var excerpt = channel.GetNamespaceOfPrefix("excerpt") ?? XNamespace.None;
        var dc = channel.GetNamespaceOfPrefix("dc") ?? XNamespace.None;

        string V(XElement? e, XName name) => e?.Element(name)?.Value.Trim() ?? "";

        return new WxrFile
        {
            Authors = channel.Elements(wp + "author")
                .Select(a => new WxrAuthor(V(a, wp + "author_login"), V(a, wp + "author_display_name") is { Length: > 0 } d ? d : V(a, wp + "author_login")))
                .Where(a => a.Login.Length > 0).ToList(),
            Categories = channel.Elements(wp + "category")
                .Select(c => new WxrCategory(V(c, wp + "category_nicename"), V(c, wp + "cat_name"), V(c, wp + "category_parent") is { Length: > 0 } p ? p : null,
                    V(c, wp + "category_description") is { Length: > 0 } d ? d : null))
                .Where(c => c.Slug.Length > 0).ToList(),
            Tags = channel.Elements(wp + "tag").Select(t => new WxrTerm("post_tag", V(t, wp + "tag_slug"), V(t, wp + "tag_name"))).Where(t => t.Slug.Length > 0).ToList(),
            Items = channel.Elements("item").Select(item => new WxrItem
            {
                Id = int.TryParse(V(item, wp + "post_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0,
                Type = V(item, wp + "post_type"),
                Status = V(item, wp + "status"),
                Title = item.Element("title")?.Value ?? "",
                Link = V(item, "link") is { Length: > 0 } link ? link : null,
                Content = item.Element(content + "encoded")?.Value ?? "",
                Excerpt = item.Element(excerpt + "encoded")?.Value ?? "",
                Name = V(item, wp + "post_name"),
                DateGmt = Date(V(item, wp + "post_date_gmt")),
                DateLocal = Date(V(item, wp + "post_date")),
                Creator = V(item, dc + "creator"),
                Sticky = V(item, wp + "is_sticky") == "1",
                Password = V(item, wp + "post_password"),
                Parent = int.TryParse(V(item, wp + "post_parent"), NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : 0,
                AttachmentUrl = V(item, wp + "attachment_url") is { Length: > 0 } url ? url : null,
                Terms = item.Elements("category").Select(c => new WxrTerm(c.Attribute("domain")?.Value ?? "", c.Attribute("nicename")?.Value ?? "", c.Value.Trim()))
                    .Where(t => t.Slug.Length > 0).ToList(),
                Meta = item.Elements(wp + "postmeta").Select(m => (Key: V(m, wp + "meta_key"), Value: V(m, wp + "meta_value")))
                    .Where(m => m.Key.Length > 0).DistinctBy(m => m.Key).ToDictionary(m => m.Key, m => m.Value),
                Comments = item.Elements(wp + "comment").Count(),
            }).Where(i => i.Id > 0).ToList(),
        };
    }

    // "0000-00-00 00:00:00" is WordPress's "not set" (drafts have no GMT date).
    private static DateTime? Date(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1970
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;
}
