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

    public sealed record Person(string Name, string Url)
    {
        public string? JobTitle { get; init; }
        public string? Image { get; init; }
        public IReadOnlyList<string> SameAs { get; init; } = [];
    }

    /// <summary>The paper as the publisher of its stories: its policy pages by schema.org property (only those published).</summary>
    public sealed record Publisher(string Name, string Url, string LogoUrl)
    {
        public IReadOnlyDictionary<string, string> Policies { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>A correction, clarification or update on a story (schema.org CorrectionComment).</summary>
    public sealed record CorrectionNote(string Text, DateTime At, string Url);

    /// <summary>A live story's coverage (schema.org LiveBlogPosting): its times and its newest entries.</summary>
    public sealed record LiveBlog(DateTime? Start, DateTime? End, IReadOnlyList<LiveBlogUpdate> Updates);

    /// <summary>One entry of a live story, as a BlogPosting in liveBlogUpdate.</summary>
    public sealed record LiveBlogUpdate(string Headline, string Text, DateTime Published, DateTime? Modified, string Url, string? Author);

    public static string NewsArticle(
        string headline, string description, string url, string? imageUrl, DateTime published, DateTime modified,
        IEnumerable<Person> authors, string section, string publisherName, string publisherUrl, string publisherLogoUrl,
        string type = "NewsArticle", string? backstory = null, string? sponsor = null, IEnumerable<CorrectionNote>? corrections = null,
        Publisher? publisher = null, LiveBlog? live = null)
    {
        var article = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = type,
            ["mainEntityOfPage"] = new Dictionary<string, object> { ["@type"] = "WebPage", ["@id"] = url },
            ["headline"] = headline.Length > 110 ? headline[..110] : headline,
            ["description"] = description,
            ["image"] = imageUrl is null ? null : new[] { imageUrl },
            ["datePublished"] = Iso(published),
            // A story scheduled after its last edit would otherwise claim to be modified before it was published.
            ["dateModified"] = Iso(modified > published ? modified : published),
            ["articleSection"] = section,
            ["author"] = authors.Select(PersonLd).ToArray(),
            ["backstory"] = backstory,
            ["sponsor"] = sponsor is null ? null : new Dictionary<string, object> { ["@type"] = "Organization", ["name"] = sponsor },
            ["publisher"] = OrganizationLd(publisher ?? new Publisher(publisherName, publisherUrl, publisherLogoUrl)),
        };
        var notes = (corrections ?? []).Select(c => new Dictionary<string, object>
        {
            ["@type"] = "CorrectionComment",
            ["text"] = c.Text,
            ["datePublished"] = Iso(c.At),
            ["url"] = c.Url,
        }).ToArray();
        // Only when there are any: an empty or null "correction" would tell a checker the story has been corrected.
        if (notes.Length > 0)
        {
            article["correction"] = notes;
        }
        if (live is not null)
        {
            AddLiveBlog(article, live);
        }
        return Serialize(article);
    }

    private static void AddLiveBlog(Dictionary<string, object?> article, LiveBlog live)
    {
        // Dictionary entries are written even when null: a running story must carry no coverageEndTime at all.
        if (live.Start is { } start)
        {
            article["coverageStartTime"] = Iso(start);
        }
        if (live.End is { } end)
        {
            article["coverageEndTime"] = Iso(end);
        }
        article["liveBlogUpdate"] = live.Updates.Select(u =>
        {
            var update = new Dictionary<string, object>
            {
                ["@type"] = "BlogPosting",
                ["headline"] = u.Headline.Length > 110 ? u.Headline[..110] : u.Headline,
                ["datePublished"] = Iso(u.Published),
                ["dateModified"] = Iso(u.Modified ?? u.Published),
                ["articleBody"] = u.Text,
                ["url"] = u.Url,
            };
            if (u.Author is not null)
            {
                update["author"] = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = u.Author };
            }
            return update;
        }).ToArray();
    }

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

    /// <summary>The paper itself (the front page): a NewsMediaOrganization with its published policies.</summary>
    public static string NewsMediaOrganization(Publisher publisher) =>
        Serialize(new Dictionary<string, object?> { ["@context"] = "https://schema.org" }.Concat(OrganizationLd(publisher)).ToDictionary());

    /// <summary>An author's page: a ProfilePage about the Person.</summary>
    public static string ProfilePage(Person person, string pageUrl, string? description) =>
        Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ProfilePage",
            ["url"] = pageUrl,
            ["mainEntity"] = AddDescription(PersonLd(person), description),
        });

    private static Dictionary<string, object?> AddDescription(Dictionary<string, object?> person, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
        {
            person["description"] = description;
        }
        return person;
    }

    private static Dictionary<string, object?> PersonLd(Person person)
    {
        var ld = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = person.Name, ["url"] = person.Url };
        // Only what is set: an empty jobTitle or sameAs is noise to a checker.
        if (!string.IsNullOrWhiteSpace(person.JobTitle))
        {
            ld["jobTitle"] = person.JobTitle;
        }
        if (person.Image is not null)
        {
            ld["image"] = person.Image;
        }
        if (person.SameAs.Count > 0)
        {
            ld["sameAs"] = person.SameAs;
        }
        return ld;
    }

    private static Dictionary<string, object?> OrganizationLd(Publisher publisher)
    {
        var ld = new Dictionary<string, object?>
        {
            ["@type"] = "NewsMediaOrganization",
            ["name"] = publisher.Name,
            ["url"] = publisher.Url,
            ["logo"] = new Dictionary<string, object> { ["@type"] = "ImageObject", ["url"] = publisher.LogoUrl },
        };
        foreach (var (property, url) in publisher.Policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ld[property] = url;
        }
        return ld;
    }

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
