using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CardReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_IsFeatured_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Featured",
                table: "Articles",
                columns: new[] { "Status", "PublishedAt" },
                filter: "\"IsFeatured\"");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleAuthors_ArticleId_Position_AuthorId",
                table: "ArticleAuthors",
                columns: new[] { "ArticleId", "Position", "AuthorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Featured",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleAuthors_ArticleId_Position_AuthorId",
                table: "ArticleAuthors");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_IsFeatured_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "IsFeatured", "Status", "PublishedAt" });
        }
    }
}
