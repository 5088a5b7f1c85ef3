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

/// <summary>A search's results, and for a search that found nothing, the newest stories and the sections to try instead.</summary>
public sealed record SearchResults(string Query, bool NewestFirst, Paged<SearchHit> Hits)
{
    public IReadOnlyList<ArticleCard> Latest { get; init; } = [];
    public IReadOnlyList<NavSection> Sections { get; init; } = [];
}

/// <summary>
/// Full-text search for readers: their words become quoted terms, the database's full-text index ranks the matches
/// (<see cref="IFullTextSearch"/>), and the page shows cards with highlighted snippets.
/// </summary>
public sealed partial class ArticleSearch(NewsDbContext db, IFullTextSearch fullText, TimeProvider clock, IOptions<SiteOptions> site, Navigation navigation, CardMemo cardMemo)
{
    public const int MaxQueryLength = 200;
    public const int MaxRanked = 1000;
    public const int MaxCounted = MaxRanked;
    private const int MaxTerms = 12;
    private const int LatestOnNoResults = 5;

    public async Task<SearchResults> SearchAsync(string? query, int page, bool newestFirst, CancellationToken cancellationToken)
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
            return new SearchResults(display, newestFirst, new Paged<SearchHit>([], page, pageSize, 0));
        }

        // For news the best match of the last few years is what a reader is after: ranked among the latest MaxRanked
        // matches, and past MaxCounted a reader is told "more than", not an exact number. Snippets are costly, so they
        // are made for the page's dozen hits alone.
        var now = clock.GetUtcNow().UtcDateTime;
        var (ids, total) = await fullText.RankAsync(terms, MaxRanked, Paged<SearchHit>.Skip(page, pageSize), pageSize, now, newestFirst, cancellationToken);
        if (total == 0 && page == 1)
        {
            // Nothing found is not a dead end: the newest stories and every section are one click away.
            var latest = await db.Articles.AsNoTracking().VisibleAt(now).NewestFirst().Take(LatestOnNoResults).ToCards().ToListAsync(cancellationToken);
            return new SearchResults(display, newestFirst, new Paged<SearchHit>([], page, pageSize, 0))
            {
                Latest = latest,
                Sections = await navigation.SectionsAsync(cancellationToken),
            };
        }
        var snippets = await fullText.SnippetsAsync(terms, ids, cancellationToken);
        var cards = await cardMemo.VisibleByIdAsync(db, ids, now, cancellationToken);
        var hits = ids.Where(cards.ContainsKey)
            .Select(id => new SearchHit(cards[id], HighlightedSnippet(snippets.GetValueOrDefault(id, "")))).ToList();
        return new SearchResults(display, newestFirst, new Paged<SearchHit>(hits, page, pageSize, total));
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
