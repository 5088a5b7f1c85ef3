using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>
/// Every query the public and the newsroom's pages make, as SQLite plans it: none may read a large table row by row. Captures the real
/// SQL (with its parameters) while the pages are served, then asks SQLite for each statement's plan.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class QueryPlanTests(NewsSiteFactory site) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly HashSet<string> LargeTables = ["Articles", "ArticleTags", "ArticleAuthors", "ArticleSlugHistory", "Subscribers", "Outbox", "PageViewCounts", "ArticleMediaUses"];
    private readonly ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters)> captured = new();

    [Fact]
    public async Task PublicPages_UseIndexes_ForEveryLargeTable()
    {
        var client = site.CreateBrowserlessClient();
        var article = await new ArticleBuilder().Tagged("Plan tag").By("Plan Author").SaveAsync(site);
        // Enough stories for a second page of "More news" beyond the ones the front page shows above it.
        for (var i = 0; i < 45; i++)
        {
            await new ArticleBuilder().InSection(article.Section.Slug).Tagged("Plan tag").SaveAsync(site);
        }

        using (await ListeningAsync())
        {
            // Page 2 and unusual query strings so the output cache cannot answer instead of the database (the author's
            // page is not cached yet: the story just saved evicted it).
            foreach (var path in new[] { "/?page=2", article.UrlOf(), $"/{article.Section.Slug}?page=2", "/tag/plan-tag?page=2", "/author/plan-author",
                "/search?q=paragraph&page=1", "/feed.xml", "/corrections?page=1", "/corrections/feed.xml", "/sitemap-pages.xml", "/sitemap-articles-1.xml", "/news-sitemap.xml", "/archive/2026" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            }
        }
        Assert.True(captured.Count > 15, $"only {captured.Count} statements captured");
        // The front page reads its featured stories, the article its related ones; the checks below must have had those
        // statements to look at.
        Assert.Contains(captured, c => FeaturedFilter().IsMatch(c.Sql));
        Assert.Contains(captured, c => RelatedList().IsMatch(c.Sql));
        Assert.Contains(captured, c => SearchHits().IsMatch(c.Sql));
        await AssertEveryStatementUsesIndexesAsync();
    }

    /// <summary>
    /// Most stories have no corrections, and their page does not ask for any: the article's own statement says whether it
    /// has some (one statement fewer on most uncached articles). A story with one still shows it.
    /// </summary>
    [Fact]
    public async Task ArticleWithoutCorrections_DoesNotReadCorrections()
    {
        var client = site.CreateBrowserlessClient();
        var plain = await new ArticleBuilder().SaveAsync(site);
        var corrected = await new ArticleBuilder().SaveAsync(site);
        var text = $"The council met on Tuesday, not Monday ({Guid.NewGuid():n}).";
        // Read (and cached) before its correction, so the last step shows the correction evicting it and the next
        // render asking again whether it has any.
        Assert.DoesNotContain(text, await client.GetStringAsync(corrected.UrlOf()));
        await site.WithDbAsync(async db =>
        {
            db.Corrections.Add(new Correction { ArticleId = corrected.Id, Kind = CorrectionKind.Correction, Text = text, At = DateTime.UtcNow, ShowAtTop = true });
            await db.SaveChangesAsync();
        });

        using (await ListeningAsync())
        {
            var response = await client.GetAsync(plain.UrlOf());
            Assert.True(response.IsSuccessStatusCode, $"{plain.UrlOf()}: {(int)response.StatusCode}");
        }
        // The story's own statement (by its slug) asks whether it has corrections; no statement reads them, which
        // would put the table in its top-level FROM (EF starts each clause of the outermost query on a new line).
        Assert.Contains(captured, c => c.Parameters.Any(p => p.Name == "@slug") && c.Sql.Contains("\"Corrections\""));
        Assert.DoesNotContain(captured, c => c.Sql.Contains("\nFROM \"Corrections\""));
        Assert.Contains(text, await client.GetStringAsync(corrected.UrlOf()));
    }

    /// <summary>
    /// A section page finds its section among the menu's, kept in memory, not with a statement of its own, and a page
    /// past the end of a list reads no stories, only the list's length (kept too): a crawler asking for page 99999
    /// costs nothing, and page 2147483647 is a 404 like any other page past the end (its skip no longer wraps).
    /// </summary>
    [Fact]
    public async Task ListPages_ReadNoSection_AndNothingPastTheEnd()
    {
        var client = site.CreateBrowserlessClient();
        var article = await new ArticleBuilder().Tagged("Memo tag").SaveAsync(site);
        var section = $"/{article.Section.Slug}";
        // The first visit fills the memos: the menu's sections and each list's length.
        foreach (var path in new[] { section, "/tag/memo-tag" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        using (await ListeningAsync())
        {
            // "?page=1" is cached apart from the bare address visited above, so the database answers it.
            Assert.Contains(article.Title, await client.GetStringAsync($"{section}?page=1"));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{section}?page=99999")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tag/memo-tag?page={int.MaxValue}")).StatusCode);
        }
        // The page was read from the database (its ids and cards), but no section was (the menu's are in memory since
        // the first visit), and no page past the end was.
        Assert.Contains(captured, c => c.Sql.Contains("\nFROM \"Articles\""));
        Assert.DoesNotContain(captured, c => c.Sql.Contains("FROM \"Sections\""));
        Assert.Single(captured, c => c.Sql.Contains("OFFSET"));
    }

    /// <summary>
    /// The newsroom's own pages at the same scale: the dashboard, every filter of the article list and its search, and
    /// the other desks. Each walked every story once (issue 18: 200-700 ms a page at 100,000 stories).
    /// </summary>
    [Fact]
    public async Task NewsroomPages_UseIndexes_ForEveryLargeTable()
    {
        await new ArticleBuilder().Tagged("Plan tag").SaveAsync(site);
        // An image in the library, so its page asks where the image is used.
        await site.WithDbAsync(async db =>
        {
            db.Media.Add(new MediaItem { OriginalFileName = "plan.jpg", StoragePath = $"2026/11/{Guid.NewGuid():n}.jpg", ContentType = "image/jpeg", Width = 10, Height = 10, AltText = "Plan" });
            await db.SaveChangesAsync();
        });
        var administrator = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        using (await ListeningAsync())
        {
            string[] articleLists = ["", "?page=2", "?q=plan", .. ArticleListPage.Filters.Select(f => $"?filter={f.Value}")];
            foreach (var (client, path) in articleLists.Select(list => "/admin/articles" + list)
                .Concat(["/admin", "/admin/sections", "/admin/front-page", "/admin/tags", "/admin/subscribers", "/admin/audit", "/admin/media"])
                .Select(path => (administrator, path))
                .Concat(new[] { "/admin", "/admin/articles", "/admin/articles?filter=drafts", "/admin/articles?q=plan" }.Select(path => (writer, path))))
            {
                var response = await client.Http.GetAsync(path);
                Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            }
        }
        Assert.True(captured.Count > 30, $"only {captured.Count} statements captured");
        await AssertEveryStatementUsesIndexesAsync();
    }

    /// <summary>
    /// Subscribes to EF's diagnostics, then waits out EF's logging cache: a context that found nobody listening
    /// does not look again for a second (LoggingCacheTime), and the site's contexts are pooled, so one used just
    /// before would run its statements unseen.
    /// </summary>
    private async Task<IDisposable> ListeningAsync()
    {
        var subscription = DiagnosticListener.AllListeners.Subscribe(this);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return subscription;
    }

    private async Task AssertEveryStatementUsesIndexesAsync()
    {
        var problems = new List<string>();
        await using var connection = await OpenAtNewsroomScaleAsync();
        foreach (var (sql, parameters) in captured.DistinctBy(c => c.Sql))
        {
            if (!sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || ReadsAWholeTableByDesign(sql))
            {
                continue;
            }
            var aliases = Alias().Matches(sql).DistinctBy(m => m.Groups[2].Value).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            // Each step of the plan by its id, with its parent's: a step inside a correlated subquery runs once a row.
            var steps = new Dictionary<long, (long Parent, string Detail)>();
            while (await reader.ReadAsync())
            {
                var detail = reader.GetString(3);
                steps[reader.GetInt64(0)] = (reader.GetInt64(1), detail);
                // A sort once for every row of the outer query, of whatever table: the cards' "first author" sorted
                // each story's authors in a temporary b-tree, once a card, until an index gave them in order.
                if (detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal) && InsideCorrelatedSubquery(steps, reader.GetInt64(1)))
                {
                    problems.Add($"{detail} (once a row, in a correlated subquery)\n  in: {sql}");
                }
                var scan = BareScan().Match(detail);
                // An automatic index is one SQLite builds for this statement alone, by reading everything it covers:
                // an article's authors and tags joined as subqueries cost 1.2 s that way on the benchmark data.
                // Reading the whole of a small filtered index (the trash, the review queue) reads only the few rows it holds.
                if (detail.Contains("AUTOMATIC", StringComparison.Ordinal) ||
                    (scan.Success && LargeTables.Contains(aliases.GetValueOrDefault(scan.Groups[1].Value, scan.Groups[1].Value))
                        && !SmallIndexesOfLargeTables.Contains(scan.Groups[2].Value)))
                {
                    problems.Add($"{detail}\n  in: {sql}");
                }
            }
            // An article's related stories: one list, gathered as the index gives the rows. Grouped and sorted through
            // temporary B-trees, they were most of an uncached article's time in SQLite (bench/README.md, "Related
            // stories counted from one list").
            if (RelatedList().IsMatch(sql) && steps.Values.Any(s => s.Detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal)))
            {
                problems.Add($"related stories sorted in a temporary B-tree: {string.Join("; ", steps.Values.Select(s => s.Detail))}\n  in: {sql}");
            }
            // The front page's featured stories: SQLite cannot match EF's bare "IsFeatured" test to an index column, so
            // without the filtered index it walks the newest stories of all, reading each row for the flag.
            if (FeaturedFilter().IsMatch(sql) && !steps.Values.Any(s => s.Detail.Contains("IX_Articles_Featured", StringComparison.Ordinal)))
            {
                problems.Add($"featured stories not read from IX_Articles_Featured: {string.Join("; ", steps.Values.Select(s => s.Detail))}\n  in: {sql}");
            }
            // A search's hits: whether each is out, from the small index, not from each story's own row (a thousand
            // pages of the table a search, at 100,000 stories).
            if (SearchHits().IsMatch(sql) && !steps.Values.Any(s => s.Detail.Contains("COVERING INDEX IX_Articles_Visibility", StringComparison.Ordinal)))
            {
                problems.Add($"search hits not checked from IX_Articles_Visibility: {string.Join("; ", steps.Values.Select(s => s.Detail))}\n  in: {sql}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    private static bool InsideCorrelatedSubquery(Dictionary<long, (long Parent, string Detail)> steps, long parent)
    {
        for (var id = parent; steps.TryGetValue(id, out var step); id = step.Parent)
        {
            if (step.Detail.StartsWith("CORRELATED", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The subscribers page counts every subscriber, and pages them newest first straight down the table's own key
    /// (a scan that stops at the page's end): both are what the page asks for, and take 10-25 ms at 200,000 rows.
    /// </summary>
    private static bool ReadsAWholeTableByDesign(string sql) =>
        WhitespaceRun().Replace(sql, " ").Trim() is var statement &&
        (statement == "SELECT COUNT(*) FROM \"Subscribers\" AS \"s\"" ||
         (statement.Contains("FROM \"Subscribers\" AS \"s\" ORDER BY \"s\".\"Id\" DESC LIMIT", StringComparison.Ordinal) && !statement.Contains("WHERE \"s\".", StringComparison.Ordinal)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    // A filter on the flag as EF writes it, a bare column ("WHERE "a"."IsFeatured"" or "AND …"), not a comparison, a
    // sort or a column read.
    [GeneratedRegex(@"\b(?:WHERE|AND)\s+""\w+""\.""IsFeatured""(?!\s*(?:=|<>|!=))")]
    private static partial Regex FeaturedFilter();

    // SQLite's search: the full-text hits joined to their stories (SqliteFullTextSearch.RankAsync).
    [GeneratedRegex(@"MATCH[\s\S]*\bJOIN Articles a\b")]
    private static partial Regex SearchHits();

    // The related stories' list of ids (EF's string.Join in a GroupBy, on SQLite).
    [GeneratedRegex(@"group_concat\(")]
    private static partial Regex RelatedList();

    /// <summary>
    /// A copy of the test database whose planner statistics say "100,000 articles" (as measured on the benchmark
    /// data set), so SQLite plans each statement as it would for a real paper: with a few dozen rows it happily
    /// picks plans that only hurt at scale, and with real statistics it has picked a full scan where a search was
    /// possible.
    /// </summary>
    private async Task<SqliteConnection> OpenAtNewsroomScaleAsync()
    {
        var copy = Path.Combine(site.DataDirectory, $"plans-{Guid.NewGuid():n}.db");
        await using (var source = new SqliteConnection($"Data Source={site.DatabasePath}"))
        {
            await source.OpenAsync();
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", copy);
            await vacuum.ExecuteNonQueryAsync();
        }

        var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var stats = connection.CreateCommand();
        stats.CommandText = "ANALYZE; DELETE FROM sqlite_stat1;" +
            string.Concat(NewsroomScaleStatistics.Select(s => $"INSERT INTO sqlite_stat1 VALUES ('{s.Table}', '{s.Index}', '{s.Stat}');")) +
            "ANALYZE sqlite_schema;"; // reloads the statistics
        await stats.ExecuteNonQueryAsync();
        return connection;
    }

    // sqlite_stat1 of the benchmark database (bench/README.md): 100,000 articles in 8 sections, 300 tags, 60 authors.
    private static readonly (string Table, string Index, string Stat)[] NewsroomScaleStatistics =
    [
        ("Articles", "IX_Articles_Status_PublishedAt", "100000 100000 1"),
        ("Articles", "IX_Articles_SectionId_Status_PublishedAt", "100000 12500 12500 1"),
        ("Articles", "IX_Articles_Featured", "5048 5048 1"),
        ("Articles", "IX_Articles_Status_DeletedAt_UpdatedAt", "100000 100000 100000 1"),
        ("Articles", "IX_Articles_Slug", "100000 1"),
        ("Articles", "IX_Articles_CreatedByUserId_DeletedAt_UpdatedAt_Id_Title", "100000 100000 100000 1 1 1"),
        ("Articles", "IX_Articles_HeroMediaId", "100000 100000"),
        ("Articles", "IX_Articles_Desk", "100000 100000 1 1 1"),
        ("Articles", "IX_Articles_WentLiveAt", "100000 1"),
        ("Articles", "IX_Articles_SectionId_DeletedAt", "100000 12500 12500"),
        // IX_Articles_Visibility left out, as on a database just migrated (no statistics yet): the search must use it even then.
        // Empty filtered indexes, as SQLite's own "PRAGMA optimize" records them: 0 rows, which it reads as unknown.
        ("Articles", "IX_Articles_ReviewQueue", "0 0 0"),
        ("Articles", "IX_Articles_Drafts", "0 0 0 0"),
        ("Articles", "IX_Articles_Trash", "0 0 0"),
        ("ArticleTags", "sqlite_autoindex_ArticleTags_1", "248514 3 1"),
        ("ArticleTags", "IX_ArticleTags_TagId_ArticleId", "248514 1249 1"),
        ("ArticleAuthors", "sqlite_autoindex_ArticleAuthors_1", "149304 2 1"),
        ("ArticleAuthors", "IX_ArticleAuthors_AuthorId_ArticleId", "149304 2489 1"),
        ("ArticleAuthors", "IX_ArticleAuthors_ArticleId_Position_AuthorId", "149304 2 1 1"),
        ("Sections", "IX_Sections_Slug", "8 1"),
        ("Sections", "IX_Sections_Position", "8 1"),
        ("Tags", "IX_Tags_Slug", "300 1"),
        ("Authors", "IX_Authors_Slug", "60 1"),
        ("ArticleMediaUses", "sqlite_autoindex_ArticleMediaUses_1", "150000 2 1"),
        ("ArticleMediaUses", "IX_ArticleMediaUses_MediaId_ArticleId", "150000 3 1"),
        ("Subscribers", "IX_Subscribers_Email", "200000 1"),
        ("Subscribers", "IX_Subscribers_Status_Id", "200000 200000 1"),
    ];

    /// <summary>
    /// The indexes of large tables that hold few rows at a newsroom's scale, by its statistics: only filtered ones can
    /// (the trash, the review queue, drafts), and reading one whole is cheap. The featured stories' index is filtered
    /// too, but holds one story in twenty; an index missing from the statistics counts as large. (Written after the
    /// statistics: static fields are initialised in the order they are written.)
    /// </summary>
    private static readonly HashSet<string> SmallIndexesOfLargeTables = NewsroomScaleStatistics
        .Where(s => LargeTables.Contains(s.Table) && long.Parse(s.Stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) < 1_000)
        .Select(s => s.Index).ToHashSet();

    // FROM "Articles" AS "a" → alias a is the Articles table (column aliases, "a"."Id" AS "ArticleId", are not).
    [GeneratedRegex("(?:FROM|JOIN) \"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex Alias();

    // A whole table or a whole index read row by row: "SCAN a" or "SCAN a USING COVERING INDEX i", not a SEARCH
    // (an index lookup or range) or a virtual (FTS) table. A full index scan is as bad as a table scan on a join
    // table of 250,000 rows; SQLite chose one for related stories until the tag index covered the article id.
    [GeneratedRegex(@"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?$")]
    private static partial Regex BareScan();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            listener.Subscribe(this);
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // Other test collections run at the same time in this process, each on its own database: keep only ours.
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data &&
            string.Equals(data.Command.Connection?.DataSource, site.DatabasePath, StringComparison.Ordinal))
        {
            captured.Enqueue((data.Command.CommandText,
                data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
