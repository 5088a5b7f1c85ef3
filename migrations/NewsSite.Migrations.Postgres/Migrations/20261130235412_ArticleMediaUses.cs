using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ArticleMediaUses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleMediaUses",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    MediaId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleMediaUses", x => new { x.ArticleId, x.MediaId });
                    table.ForeignKey(
                        name: "FK_ArticleMediaUses_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ArticleMediaUses_Media_MediaId",
                        column: x => x.MediaId,
                        principalTable: "Media",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The stories saved before the table: the rule MediaUseRecorder keeps at each save, in SQL. An image is used
            // as a story's picture, as "media:42" in its text or a live entry's, or by a stored address after "/media/"
            // ("2026/11/" and 32 hex digits, then "." for the original or "-480" for a copy).
            migrationBuilder.Sql("""
                INSERT INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT "Id", "HeroMediaId" FROM "Articles" WHERE "HeroMediaId" IS NOT NULL
                ON CONFLICT DO NOTHING;

                WITH texts AS (
                    SELECT "Id" AS article_id, "BodyMarkdown" AS body FROM "Articles" WHERE "BodyMarkdown" ILIKE '%media:%'
                    UNION ALL
                    SELECT "ArticleId", "BodyMarkdown" FROM "LiveEntries" WHERE "DeletedAt" IS NULL AND "BodyMarkdown" ILIKE '%media:%')
                INSERT INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT DISTINCT t.article_id, m."Id" FROM texts t
                CROSS JOIN LATERAL regexp_matches(t.body, 'media:(\d{1,9})', 'gi') AS r(found)
                JOIN "Media" m ON m."Id" = r.found[1]::int
                ON CONFLICT DO NOTHING;

                WITH texts AS (
                    SELECT "Id" AS article_id, "BodyMarkdown" AS body FROM "Articles" WHERE "BodyMarkdown" ILIKE '%/media/%'
                    UNION ALL
                    SELECT "ArticleId", "BodyMarkdown" FROM "LiveEntries" WHERE "DeletedAt" IS NULL AND "BodyMarkdown" ILIKE '%/media/%')
                INSERT INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT DISTINCT t.article_id, m."Id" FROM texts t
                CROSS JOIN LATERAL regexp_matches(t.body, '/media/(\d{4}/\d{2}/[0-9a-f]{32})', 'gi') AS r(found)
                JOIN "Media" m ON left(m."StoragePath", 40) = lower(r.found[1]) AND substr(m."StoragePath", 41, 1) = '.'
                ON CONFLICT DO NOTHING;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleMediaUses_MediaId_ArticleId",
                table: "ArticleMediaUses",
                columns: new[] { "MediaId", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleMediaUses");
        }
    }
}
