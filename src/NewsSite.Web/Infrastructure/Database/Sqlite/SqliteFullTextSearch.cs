using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// Search over the FTS5 index that a migration keeps in step with the Articles table (`ArticleSearchTriggers`). The
/// one place with hand-written query SQL: EF has no MATCH, bm25() or snippet().
/// </summary>
public sealed class SqliteFullTextSearch(NewsDbContext db) : IFullTextSearch
{
    public async Task<(IReadOnlyList<int> Ids, int Total)> RankAsync(IReadOnlyList<string> terms, int window, int skip, int take, DateTime now, bool newestFirst, CancellationToken cancellationToken)
    {
        var match = MatchExpression(terms);
        const int published = (int)ArticleStatus.Published;
        // Title matches weigh most, then the standfirst, then the body. Ranked among the latest `window` matches (the
        // index hands them over newest first, by rowid, without looking at the rest): a word found in most of a
        // 100,000-story archive would otherwise be scored and sorted in full on every search, 100 ms and more. The
        // same window gives the count. Each hit's status and date come from a small index, not its row (see
        // IX_Articles_Visibility).
        var rows = await db.Database.SqlQuery<RankedId>($"""
            SELECT a.Id AS Id, count(*) OVER () AS Total
            FROM (SELECT rowid AS Id, bm25(ArticleSearch, 10.0, 4.0, 1.0) AS Score FROM ArticleSearch
                  WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {window}) AS m
            JOIN Articles a INDEXED BY IX_Articles_Visibility ON a.Id = m.Id
            WHERE a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY CASE WHEN {newestFirst} THEN 0 ELSE m.Score END, a.PublishedAt DESC, a.Id DESC
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
