using Microsoft.Data.Sqlite;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.ReaderSite;

/// <summary>What the migrations must leave behind that EF's model does not describe (and a table rebuild can lose).</summary>
[Collection(SiteCollection.Name)]
public sealed class SchemaTests(NewsSiteFactory site)
{
    [Fact]
    public async Task Articles_KeepsTheFullTextTriggers_AfterEveryRebuild()
    {
        _ = site.Services; // the site migrates its database on start
        var triggers = await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Articles' ORDER BY name");
        Assert.Equal(["Articles_SearchDelete", "Articles_SearchInsert", "Articles_SearchUpdate"], triggers);
    }

    [Fact]
    public async Task Articles_StoresTheBodiesAfterEveryOtherColumn()
    {
        _ = site.Services;
        var columns = await QueryAsync("SELECT name FROM pragma_table_info('Articles') ORDER BY cid");
        // Then only what is read with the body: where its paragraphs end (for the inline ad).
        Assert.Equal(["BodyHtml", "BodyMarkdown", "BodyText", "ParagraphEnds"], columns.TakeLast(4));
    }

    [Fact]
    public async Task Outbox_HasNoMessageIdColumn_AndKeepsTheDefaultsTheNewsletterFanOutReliesOn()
    {
        _ = site.Services;
        var columns = await QueryAsync("SELECT name FROM pragma_table_info('Outbox') ORDER BY cid");
        Assert.DoesNotContain("MessageId", columns);
        // The fan-out's INSERT … SELECT leaves ContainsSecret out: a rebuild of the table without its default breaks every send.
        Assert.Equal(["0"], await QueryAsync("SELECT dflt_value FROM pragma_table_info('Outbox') WHERE name = 'ContainsSecret'"));
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={site.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
