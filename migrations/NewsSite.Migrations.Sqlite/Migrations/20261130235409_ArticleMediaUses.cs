using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
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
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaId = table.Column<int>(type: "INTEGER", nullable: false)
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
            // ("2026/11/" and 32 hex digits, then "." for the original or "-480" for a copy). SQLite has no regular
            // expressions: a recursive query walks each text from one mention to the next, and CAST keeps the digits
            // (when a digit follows at once: CAST would also skip spaces, and "social media: 5 tips" is no image).
            // The stored address is found through the unique index: paths starting "stem." sort between "stem." and "stem/".
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT "Id", "HeroMediaId" FROM "Articles" WHERE "HeroMediaId" IN (SELECT "Id" FROM "Media");

                WITH RECURSIVE
                    texts("ArticleId", "Rest") AS (
                        SELECT "Id", lower("BodyMarkdown") FROM "Articles" WHERE "BodyMarkdown" LIKE '%media:%'
                        UNION ALL
                        SELECT "ArticleId", lower("BodyMarkdown") FROM "LiveEntries" WHERE "DeletedAt" IS NULL AND "BodyMarkdown" LIKE '%media:%'),
                    mentions("ArticleId", "Rest", "MediaId") AS (
                        SELECT "ArticleId", "Rest", NULL FROM texts
                        UNION ALL
                        SELECT "ArticleId", substr("Rest", instr("Rest", 'media:') + 6),
                            CASE WHEN substr("Rest", instr("Rest", 'media:') + 6, 1) BETWEEN '0' AND '9'
                                THEN CAST(substr("Rest", instr("Rest", 'media:') + 6, 9) AS INTEGER) END
                        FROM mentions WHERE instr("Rest", 'media:') > 0)
                INSERT OR IGNORE INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT DISTINCT "ArticleId", "MediaId" FROM mentions WHERE "MediaId" IN (SELECT "Id" FROM "Media");

                WITH RECURSIVE
                    texts("ArticleId", "Rest") AS (
                        SELECT "Id", lower("BodyMarkdown") FROM "Articles" WHERE "BodyMarkdown" LIKE '%/media/%'
                        UNION ALL
                        SELECT "ArticleId", lower("BodyMarkdown") FROM "LiveEntries" WHERE "DeletedAt" IS NULL AND "BodyMarkdown" LIKE '%/media/%'),
                    addresses("ArticleId", "Rest", "Stem") AS (
                        SELECT "ArticleId", "Rest", NULL FROM texts
                        UNION ALL
                        SELECT "ArticleId", substr("Rest", instr("Rest", '/media/') + 7), substr("Rest", instr("Rest", '/media/') + 7, 40)
                        FROM addresses WHERE instr("Rest", '/media/') > 0)
                INSERT OR IGNORE INTO "ArticleMediaUses" ("ArticleId", "MediaId")
                SELECT DISTINCT a."ArticleId", m."Id" FROM addresses a
                JOIN "Media" m ON m."StoragePath" > a."Stem" || '.' AND m."StoragePath" < a."Stem" || '/'
                WHERE length(a."Stem") = 40;
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
