using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ArticleParagraphEnds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ParagraphEnds",
                table: "Articles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF's DropColumn rebuilds the table on SQLite (and loses its search triggers): drop it in place.
            migrationBuilder.Sql("ALTER TABLE \"Articles\" DROP COLUMN \"ParagraphEnds\";");
        }
    }
}
