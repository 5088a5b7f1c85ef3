using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// Search over the FTS5 index that a migration keeps in step with the Articles table (`ArticleSearchTriggers`). The
/// one place with hand-written query SQL: EF has no MATCH or snippet().
/// </summary>
public sealed class SqliteFullTextSearch(NewsDbContext db) : IFullTextSearch
{
    public async Task<(IReadOnlyList<int> Ids, int Total)> RankAsync(IReadOnlyList<string> terms, int window, int skip, int take, DateTime now, bool newestFirst, CancellationToken cancellationToken)
    {
        var match = MatchExpression(terms);
        var inHeadline = $"{{Title}} : ({match})";
        var inStandfirst = $"{{Standfirst}} : ({match})";
        const int published = (int)ArticleStatus.Published;
        // Best match, for news: the words in the headline weigh most, then in the standfirst, and within each the newest
        // story comes first. Ranked among the latest `window` matches (the index hands them over newest first, by rowid,
        // without looking at the rest), which also give the count. Not bm25(): to weigh a word by its rarity it counts
        // every story holding the word, each search, which for a word in most of a 100,000-story archive read the
        // whole of its index entry, more than a connection's page cache: 7-9 ms of a search against ~2 ms now
        // (bench/README.md, "Search ranked without reading every match"). The headline and standfirst checks read only
        // the window's part of the index (rowid >= its oldest), and only when ranking. Each hit's status and date come
        // from a small index, not its row (see IX_Articles_Visibility).
        var rows = await db.Database.SqlQuery<RankedId>($"""
            WITH m AS (SELECT rowid AS Id FROM ArticleSearch WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {window}),
                 oldest AS (SELECT min(Id) AS Id FROM m)
            SELECT a.Id AS Id, count(*) OVER () AS Total
            FROM m JOIN Articles a INDEXED BY IX_Articles_Visibility ON a.Id = m.Id
            WHERE a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY CASE WHEN {newestFirst} THEN 0 ELSE
                  10 * (m.Id IN (SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {inHeadline} AND rowid >= (SELECT Id FROM oldest)))
                + 4 * (m.Id IN (SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {inStandfirst} AND rowid >= (SELECT Id FROM oldest)))
                END DESC, a.PublishedAt DESC, a.Id DESC
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
        var match = MatchExpression(terms);
        var idList = "[" + string.Join(',', ids) + "]";
        var snippets = await db.Database.SqlQuery<Snippet>($"""
            SELECT rowid AS Id, snippet(ArticleSearch, -1, char(1), char(2), '…', 24) AS Text
            FROM ArticleSearch WHERE ArticleSearch MATCH {match} AND rowid IN (SELECT value FROM json_each({idList}))
            """).ToListAsync(cancellationToken);
        return snippets.ToDictionary(s => s.Id, s => s.Text);
    }

    /// <summary>Every term quoted, so FTS5 operators, column filters and brackets in the reader's input are just text.</summary>
    internal static string MatchExpression(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(t => $"\"{t.Replace("\"", "")}\""));

    private sealed record RankedId(int Id, int Total);

    private sealed record Snippet(int Id, string Text);
}
