using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Features.Search;

public sealed record SearchHit(ArticleCard Article, string SnippetHtml);

public sealed record SearchResults(string Query, Paged<SearchHit> Hits);

/// <summary>
/// Full-text search for readers: their words become quoted terms, the database's full-text index ranks the matches
/// (<see cref="IFullTextSearch"/>), and the page shows cards with highlighted snippets.
/// </summary>
public sealed partial class ArticleSearch(NewsDbContext db, IFullTextSearch fullText, TimeProvider clock, IOptions<SiteOptions> site)
{
    public const int MaxQueryLength = 200;
    public const int MaxRanked = 1000;
    public const int MaxCounted = MaxRanked;
    private const int MaxTerms = 12;

    public async Task<SearchResults> SearchAsync(string? query, int page, CancellationToken cancellationToken)
    {
        var pageSize = site.Value.PageSize;
        var display = (query ?? "").Trim();
        if (display.Length > MaxQueryLength)
        {
            display = display[..MaxQueryLength];
        }
        var terms = Terms(display);
        if (terms.Count == 0)
        {
            return new SearchResults(display, new Paged<SearchHit>([], page, pageSize, 0));
        }

        // For news the best match of the last few years is what a reader is after: ranked among the latest MaxRanked
        // matches, and past MaxCounted a reader is told "more than", not an exact number. Snippets are costly, so they
        // are made for the page's dozen hits alone.
        var now = clock.GetUtcNow().UtcDateTime;
        var (ids, total) = await fullText.RankAsync(terms, MaxRanked, Paged<SearchHit>.Skip(page, pageSize), pageSize, now, cancellationToken);
        var snippets = await fullText.SnippetsAsync(terms, ids, cancellationToken);
        var cards = await db.Articles.AsNoTracking().CardsByIdAsync(ids, cancellationToken);
        var hits = ids.Where(cards.ContainsKey)
            .Select(id => new SearchHit(cards[id], HighlightedSnippet(snippets.GetValueOrDefault(id, "")))).ToList();
        return new SearchResults(display, new Paged<SearchHit>(hits, page, pageSize, total));
    }

    /// <summary>
    /// The reader's words: letters and digits only (quotes, operators, brackets and emoji are dropped), each at most
    /// 64 characters, without repeats, at most twelve. Empty when nothing searchable is left.
    /// </summary>
    internal static IReadOnlyList<string> Terms(string query) =>
        Term().Matches(query).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();

    internal static string HighlightedSnippet(string snippet)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(snippet);
        return new StringBuilder(encoded)
            .Replace(IFullTextSearch.MatchStart.ToString(), "<mark>").Replace(IFullTextSearch.MatchEnd.ToString(), "</mark>").ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]{1,64}")]
    private static partial Regex Term();
}
