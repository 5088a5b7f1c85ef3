using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Search that forgives: the news_search configuration stems English words (a Snowball dictionary without stop
    /// words, as SQLite's porter tokenizer keeps every word), after folding accents. The stored search column is
    /// computed again with it.
    /// </summary>
    public partial class SearchStemming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TEXT SEARCH DICTIONARY news_stem (TEMPLATE = snowball, Language = english);");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION news_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, news_stem;");
            ArticleSearchVector.RecomputeColumn(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION news_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH simple;");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION news_search ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;");
            ArticleSearchVector.RecomputeColumn(migrationBuilder);
            migrationBuilder.Sql("DROP TEXT SEARCH DICTIONARY IF EXISTS news_stem;");
        }
    }
}
