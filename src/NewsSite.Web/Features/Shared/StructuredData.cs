using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsSite.Web.Features.Shared;

/// <summary>
/// schema.org JSON-LD for search engines. The default JSON encoder escapes &lt; and &gt;, so a headline can never
/// close the surrounding script element.
/// </summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Person(string Name, string Url);

    public static string NewsArticle(
        string headline, string description, string url, string? imageUrl, DateTime published, DateTime modified,
        IEnumerable<Person> authors, string section, string publisherName, string publisherUrl, string publisherLogoUrl) =>
        Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new Dictionary<string, object> { ["@type"] = "WebPage", ["@id"] = url },
            ["headline"] = headline.Length > 110 ? headline[..110] : headline,
            ["description"] = description,
            ["image"] = imageUrl is null ? null : new[] { imageUrl },
            ["datePublished"] = Iso(published),
            // A story scheduled after its last edit would otherwise claim to be modified before it was published.
            ["dateModified"] = Iso(modified > published ? modified : published),
            ["articleSection"] = section,
            ["author"] = authors.Select(a => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = a.Name, ["url"] = a.Url }).ToArray(),
            ["publisher"] = new Dictionary<string, object>
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = publisherName,
                ["url"] = publisherUrl,
                ["logo"] = new Dictionary<string, object> { ["@type"] = "ImageObject", ["url"] = publisherLogoUrl },
            },
        });

    public static string Breadcrumbs(params (string Name, string Url)[] crumbs) =>
        Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = crumbs.Select((c, i) => new Dictionary<string, object>
            {
                ["@type"] = "ListItem",
                ["position"] = i + 1,
                ["name"] = c.Name,
                ["item"] = c.Url,
            }).ToArray(),
        });

    public static string WebSite(string name, string url, string searchUrlTemplate) =>
        Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "WebSite",
            ["name"] = name,
            ["url"] = url,
            ["potentialAction"] = new Dictionary<string, object>
            {
                ["@type"] = "SearchAction",
                ["target"] = searchUrlTemplate,
                ["query-input"] = "required name=search_term_string",
            },
        });

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
