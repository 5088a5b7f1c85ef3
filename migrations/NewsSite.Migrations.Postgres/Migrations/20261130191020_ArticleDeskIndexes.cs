using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ArticleDeskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_Desk",
                table: "Articles",
                columns: new[] { "DeletedAt", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ReviewQueue",
                table: "Articles",
                column: "ReviewRequestedAt",
                filter: "\"DeletedAt\" IS NULL AND \"Status\" = 0 AND \"ReviewRequestedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SectionId_DeletedAt",
                table: "Articles",
                columns: new[] { "SectionId", "DeletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Desk",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ReviewQueue",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_SectionId_DeletedAt",
                table: "Articles");
        }
    }
}
