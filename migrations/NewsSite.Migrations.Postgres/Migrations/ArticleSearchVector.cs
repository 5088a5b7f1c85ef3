using Microsoft.EntityFrameworkCore.Migrations;

namespace NewsSite.Migrations.Postgres.Migrations;

/// <summary>
/// Full-text search on PostgreSQL, which EF's model does not describe: a stored generated <c>tsvector</c> over the
/// headline (weight A), standfirst (B) and body text (C), kept up to date by PostgreSQL itself, and a GIN index on it.
/// The <c>news_search</c> configuration splits words like SQLite's unicode61 tokenizer: no stop words, accents folded
/// (unaccent), so "cafe" finds "café" on both engines; since SearchStemming it stems English words as SQLite's porter
/// tokenizer does. PostgresFullTextSearch queries it.
/// </summary>
internal static class ArticleSearchVector
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
        migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION news_search (COPY = pg_catalog.simple);");
        migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION news_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;");
        AddColumn(migrationBuilder);
    }

    /// <summary>A stored generated column keeps the vectors it computed: after the configuration changes, it is made again.</summary>
    public static void RecomputeColumn(MigrationBuilder migrationBuilder)
    {
        DropColumn(migrationBuilder);
        AddColumn(migrationBuilder);
    }

    private static void AddColumn(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('news_search', coalesce("Title", '')), 'A') ||
                setweight(to_tsvector('news_search', coalesce("Standfirst", '')), 'B') ||
                setweight(to_tsvector('news_search', coalesce("BodyText", '')), 'C')) STORED;
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        DropColumn(migrationBuilder);
        migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS news_search;");
    }

    private static void DropColumn(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
        migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
    }
}
