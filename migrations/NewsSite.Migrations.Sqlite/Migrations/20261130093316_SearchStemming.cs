using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Search that forgives: the full-text index stems English words (FTS5's porter tokenizer over unicode61), so
    /// "tunnels" finds "tunnel" and "reopening" finds "reopened". The index is rebuilt from Articles. It also
    /// creates again the triggers that keep it in step, which Trust's rebuild of Articles dropped.
    /// </summary>
    public partial class SearchStemming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchUpdate;");
            ArticleSearchTriggers.Create(migrationBuilder);
            CreateIndex(migrationBuilder, "porter unicode61 remove_diacritics 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => CreateIndex(migrationBuilder, "unicode61 remove_diacritics 2");

        private static void CreateIndex(MigrationBuilder migrationBuilder, string tokenizer)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(
                    Title, Standfirst, BodyText,
                    content='Articles', content_rowid='Id',
                    tokenize='{tokenizer}');
                """);
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }
    }
}
