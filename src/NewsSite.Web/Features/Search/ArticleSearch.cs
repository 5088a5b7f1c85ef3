using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Search;

public sealed record SearchHit(ArticleCard Article, string SnippetHtml);

public sealed record SearchResults(string Query, Paged<SearchHit> Hits);

/// <summary>
/// Full-text search over the FTS5 index that a migration keeps in step with the Articles table.
/// This is the one feature that writes SQL by hand: EF has no MATCH, bm25() or snippet().
/// </summary>
public sealed partial class ArticleSearch(NewsDbContext db, TimeProvider clock, IOptions<SiteOptions> site)
{
    public const int MaxQueryLength = 200;
    public const int MaxRanked = 1000;
    public const int MaxCounted = MaxRanked;
    private const int MaxTerms = 12;

    // snippet() marks matches with these control characters; the snippet is HTML-encoded and they become <mark>.
    private const char MatchStart = '\u0001';
    private const char MatchEnd = '\u0002';

    public async Task<SearchResults> SearchAsync(string? query, int page, CancellationToken cancellationToken)
    {
        var pageSize = site.Value.PageSize;
        var display = (query ?? "").Trim();
        if (display.Length > MaxQueryLength)
        {
            display = display[..MaxQueryLength];
        }
        var match = ToMatchExpression(display);
        if (match is null)
        {
            return new SearchResults(display, new Paged<SearchHit>([], page, pageSize, 0));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        const int published = (int)ArticleStatus.Published;
        // Title matches weigh most, then the standfirst, then the body. Ranked among the latest MaxRanked matches
        // (the index hands them over newest first, by rowid, without looking at the rest): a word found in most of
        // a 100,000-story archive would otherwise be scored and sorted in full on every search, 100 ms and more,
        // and for news the best match of the last few years is what a reader is after anyway. The same window
        // gives the count, so past MaxCounted a reader is told "more than", not an exact number.
        // Only ids here: snippet() is costly, so it is made below for the page's dozen hits alone.
        var offset = Paged<SearchHit>.Skip(page, pageSize);
        var rows = await db.Database.SqlQuery<RankedId>($"""
            SELECT a.Id AS Id, count(*) OVER () AS Total
            FROM (SELECT rowid AS Id, bm25(ArticleSearch, 10.0, 4.0, 1.0) AS Score FROM ArticleSearch
                  WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {MaxRanked}) AS m
            JOIN Articles a ON a.Id = m.Id
            WHERE a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY m.Score, a.PublishedAt DESC
            LIMIT {pageSize} OFFSET {offset}
            """).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        // A page past the end has no rows to carry the count: it is then out of range whatever the count is.
        var total = rows.Count > 0 ? rows[0].Total : 0;
        var idList = string.Join(',', ids);
        var snippets = ids.Count == 0 ? [] : await db.Database.SqlQuery<RankedRow>($"""
            SELECT rowid AS Id, snippet(ArticleSearch, -1, char(1), char(2), '…', 24) AS Snippet
            FROM ArticleSearch WHERE ArticleSearch MATCH {match} AND rowid IN (SELECT value FROM json_each({"[" + idList + "]"}))
            """).ToListAsync(cancellationToken);
        var snippetOf = snippets.ToDictionary(s => s.Id, s => s.Snippet);
        var ranked = ids.Select(id => new RankedRow(id, snippetOf.GetValueOrDefault(id, ""))).ToList();

        var cards = await db.Articles.AsNoTracking().CardsByIdAsync(ids, cancellationToken);
        var hits = ranked.Where(r => cards.ContainsKey(r.Id)).Select(r => new SearchHit(cards[r.Id], HighlightedSnippet(r.Snippet))).ToList();
        return new SearchResults(display, new Paged<SearchHit>(hits, page, pageSize, total));
    }

    /// <summary>
    /// Reader input becomes a list of quoted terms that must all match; FTS5 operators, column filters and brackets in
    /// the input are just text. Null when nothing searchable is left.
    /// </summary>
    internal static string? ToMatchExpression(string query)
    {
        var terms = Term().Matches(query).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();
        if (terms.Count == 0)
        {
            return null;
        }
        return string.Join(' ', terms.Select(t => $"\"{t}\""));
    }

    internal static string HighlightedSnippet(string snippet)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(snippet);
        return new StringBuilder(encoded).Replace(MatchStart.ToString(), "<mark>").Replace(MatchEnd.ToString(), "</mark>").ToString();
    }

    // Letters and digits only (quotes, operators and emoji are dropped), at most 64 characters a term.
    [GeneratedRegex(@"[\p{L}\p{N}]{1,64}")]
    private static partial Regex Term();

    private sealed record RankedRow(int Id, string Snippet);

    private sealed record RankedId(int Id, int Total);
}
