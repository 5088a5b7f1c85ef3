using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// SQLite FTS5 full-text index over articles, kept in step by triggers. It is an external-content table: the text
    /// lives once, in Articles, and the index stores only tokens. The update trigger fires only when indexed columns
    /// change, so publishing or featuring a story does not re-index it.
    /// Beware: SQLite drops a table's triggers with it, and EF rebuilds a table for some column changes. A later
    /// migration that rebuilds Articles must create these triggers again (the search integration tests catch it).
    /// </summary>
    public partial class ArticleSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Title, Standfirst, BodyText,
                    content='Articles', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_SearchInsert AFTER INSERT ON Articles BEGIN
                    INSERT INTO ArticleSearch(rowid, Title, Standfirst, BodyText) VALUES (new.Id, new.Title, new.Standfirst, new.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_SearchDelete AFTER DELETE ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Standfirst, BodyText) VALUES ('delete', old.Id, old.Title, old.Standfirst, old.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_SearchUpdate AFTER UPDATE OF Title, Standfirst, BodyText ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Standfirst, BodyText) VALUES ('delete', old.Id, old.Title, old.Standfirst, old.BodyText);
                    INSERT INTO ArticleSearch(rowid, Title, Standfirst, BodyText) VALUES (new.Id, new.Title, new.Standfirst, new.BodyText);
                END;
                """);
            // Index whatever was there before this migration.
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
        }
    }
}
