using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// SQLite FTS5 full-text index over articles, kept in step by triggers. It is an external-content table: the text
    /// lives once, in Articles, and the index stores only tokens; <see cref="ArticleSearchTriggers"/> keep it in step.
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
            ArticleSearchTriggers.Create(migrationBuilder);
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
