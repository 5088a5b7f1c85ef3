using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Shared;

public sealed class PageMetaFactory(CurrentSite site)
{
    public SiteIdentity Site => site.Get();

    public string Absolute(string pathAndQuery) => Site.AbsoluteUrl(pathAndQuery).ToString();

    public string? AbsoluteOrNull(string? path) => path is null ? null : Absolute(path);

    /// <summary>A page's head; for page 2 onwards the title says so and prev/next links are added.</summary>
    public PageMeta Create<T>(string title, string description, string path, Paged<T>? paging = null, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var page = paging?.Page ?? 1;
        var fullTitle = page > 1 ? $"{title} – page {page}" : title;
        return new PageMeta(fullTitle, Text.Excerpt(description, 200), Absolute(PageLinks.For(path, page, query)))
        {
            PreviousUrl = paging is { HasPrevious: true } ? Absolute(PageLinks.For(path, page - 1, query)) : null,
            NextUrl = paging is { HasNext: true } ? Absolute(PageLinks.For(path, page + 1, query)) : null,
        };
    }

    public PageMeta Create(string title, string description, string path) => Create<object>(title, description, path);
}
