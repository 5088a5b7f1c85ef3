using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Postgres;

/// <summary>
/// Search over the weighted <c>tsvector</c> column that the Postgres migrations add to Articles (headline A, standfirst
/// B, body C, with a GIN index; see <c>ArticleSearchVector</c> there). The same contract as SQLite's FTS5 search:
/// every term must match, ranked among the latest <c>window</c> matches, which also bound the count.
/// </summary>
public sealed class PostgresFullTextSearch(NewsDbContext db) : IFullTextSearch
{
    // The text search configuration the column was built with: English stems and no stop words (as FTS5's porter
    // tokenizer over unicode61), accents folded (as its remove_diacritics).
    private const string Configuration = "news_search";

    // ts_rank's weights are {D, C, B, A}: headline 1, standfirst 0.4, body 0.1, as SQLite's ranking weighs the headline 10 and the standfirst 4.
    private static readonly float[] Weights = [0f, 0.1f, 0.4f, 1f];

    public async Task<(IReadOnlyList<int> Ids, int Total)> RankAsync(IReadOnlyList<string> terms, int window, int skip, int take, DateTime now, bool newestFirst, CancellationToken cancellationToken)
    {
        var query = WebSearchQuery(terms);
        const int published = (int)ArticleStatus.Published;
        // The latest `window` matches by id (newest first, as on SQLite), and only those are scored: ranking every
        // match of a common word in a large archive would cost a sort of all of them on every search.
        var rows = await db.Database.SqlQuery<RankedId>($"""
            SELECT m."Id" AS "Id", (count(*) OVER ())::int AS "Total"
            FROM (SELECT a."Id", a."Status", a."PublishedAt", a."SearchVector"
                  FROM "Articles" a
                  WHERE a."SearchVector" @@ websearch_to_tsquery({Configuration}::regconfig, {query})
                  ORDER BY a."Id" DESC LIMIT {window}) AS m
            WHERE m."Status" = {published} AND m."PublishedAt" <= {now}
            ORDER BY CASE WHEN {newestFirst} THEN 0 ELSE ts_rank({Weights}, m."SearchVector", websearch_to_tsquery({Configuration}::regconfig, {query})) END DESC,
                     m."PublishedAt" DESC, m."Id" DESC
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        // A page past the end has no rows to carry the count: it is then out of range whatever the count is.
        return (rows.Select(r => r.Id).ToList(), rows.Count > 0 ? rows[0].Total : 0);
    }

    public async Task<IReadOnlyDictionary<int, string>> SnippetsAsync(IReadOnlyList<string> terms, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<int, string>();
        }
        var query = WebSearchQuery(terms);
        var idArray = ids.ToArray();
        var options = $"StartSel={IFullTextSearch.MatchStart}, StopSel={IFullTextSearch.MatchEnd}, MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=…";
        // ts_headline re-reads the text it marks up, so it runs for the page's hits alone.
        var snippets = await db.Database.SqlQuery<Snippet>($"""
            SELECT a."Id" AS "Id",
                   ts_headline({Configuration}::regconfig, concat_ws(' ', a."Title", a."Standfirst", a."BodyText"),
                               websearch_to_tsquery({Configuration}::regconfig, {query}), {options}) AS "Text"
            FROM "Articles" a WHERE a."Id" = ANY({idArray})
            """).ToListAsync(cancellationToken);
        return snippets.ToDictionary(s => s.Id, s => s.Text);
    }

    /// <summary>
    /// Every term quoted, for websearch_to_tsquery, which never fails on what a reader types: "or", a leading minus
    /// and brackets inside quotes are just text, and every quoted term must match.
    /// </summary>
    internal static string WebSearchQuery(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(t => $"\"{t.Replace("\"", "")}\""));

    private sealed record RankedId(int Id, int Total);

    private sealed record Snippet(int Id, string Text);
}
