namespace NewsSite.Web.Features.Shared;

/// <summary>The head of a page: title, description, canonical link, social cards, pagination links, structured data.</summary>
public sealed record PageMeta(string Title, string Description, string CanonicalUrl)
{
    public string OpenGraphType { get; init; } = "website";
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? PreviousUrl { get; init; }
    public string? NextUrl { get; init; }
    public string? RssUrl { get; init; }
    public string? AtomUrl { get; init; }
    public string? FeedTitle { get; init; }
    public bool NoIndex { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? ModifiedAt { get; init; }
    public IReadOnlyList<string> JsonLd { get; init; } = [];

    /// <summary>The X handle (without @) of the person who wrote the page, for twitter:creator.</summary>
    public string? TwitterCreator { get; init; }
}

/// <summary>A page's view model carries its head; the layout reads it from there.</summary>
public interface IHasPageMeta
{
    PageMeta Meta { get; }
}
