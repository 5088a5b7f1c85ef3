using System.Collections.Frozen;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Imports;

/// <summary>How an old address is written in <see cref="NewsSite.Data.Entities.LegacyRedirect.Path"/>, and how a request is matched against it.</summary>
public static class LegacyPaths
{
    // The only queries that name content: WordPress's plain permalinks. Any other query on the front page is
    // someone's tracking or a cache-buster, and the front page answers it as usual.
    private static readonly string[] ContentQueries = ["p", "page_id"];

    /// <summary>
    /// An old address (absolute or a path, with or without its query) as stored: decoded, lower-case, without a
    /// trailing slash; "/?p=123" keeps the query that names the post. Null for nothing usable.
    /// </summary>
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var value = address.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            value = absolute.PathAndQuery;
        }
        var queryAt = value.IndexOf('?');
        var path = queryAt < 0 ? value : value[..queryAt];
        var query = queryAt < 0 ? "" : value[(queryAt + 1)..];
        path = Uri.UnescapeDataString(path);
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }
        path = Rooted(path);
        return Key(path, ContentQuery(query.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]))));
    }

    /// <summary>The key for a request, or null when the request cannot be an old address (the front page without a post number).</summary>
    public static string? ForRequest(PathString path, IQueryCollection query)
    {
        var value = path.Value is { Length: > 0 } p ? p : "/";
        var content = value == "/" && query.Count > 0 ? ContentQuery(query.Select(q => (q.Key, q.Value.ToString()))) : null;
        if (value == "/" && content is null)
        {
            return null;
        }
        return Key(value.Length > 1 ? Rooted(value) : value, content);
    }

    /// <summary>
    /// An old system's path with one leading slash and no trailing one. These are the previous site's addresses, not
    /// this site's: SiteUrls builds ours.
    /// </summary>
    public static string Rooted(string path) => string.Concat("/", path.Trim('/'));

    private static string? ContentQuery(IEnumerable<(string Key, string Value)> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            if (ContentQueries.Contains(key.ToLowerInvariant()) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{key.ToLowerInvariant()}={id}");
            }
        }
        return null;
    }

    private static string? Key(string path, string? contentQuery) =>
        contentQuery is null ? (path == "/" ? null : path.ToLowerInvariant()) : $"{path.ToLowerInvariant()}?{contentQuery}";
}

/// <summary>
/// Answers an old address from the paper's previous system with a 301 to where the content lives now. It runs before
/// the output cache, so it must cost nearly nothing for every other request: the whole table is memoised as a set in
/// <see cref="ContentCache"/> (emptied when content changes, imports included), and a request is looked up only by a
/// dictionary hit on its path.
/// </summary>
public sealed class LegacyRedirectMiddleware(RequestDelegate next, ContentCache cache)
{
    private const string CacheKey = "legacy-redirects";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            var redirects = await cache.GetOrLoadAsync(CacheKey, () => LoadAsync(context.RequestServices, context.RequestAborted));
            if (redirects.Count > 0 && LegacyPaths.ForRequest(context.Request.Path, context.Request.Query) is { } key && redirects.TryGetValue(key, out var target))
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = target;
                return;
            }
        }
        await next(context);
    }

    private static async Task<FrozenDictionary<string, string>> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NewsDbContext>();
        var rows = await db.LegacyRedirects.AsNoTracking().Select(r => new { r.Path, r.Target }).ToListAsync(cancellationToken);
        return rows.DistinctBy(r => r.Path).ToFrozenDictionary(r => r.Path, r => r.Target, StringComparer.Ordinal);
    }
}
