using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ArticleDeskSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_CreatedByUserId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Desk",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ReviewQueue",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_UpdatedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CreatedByUserId_DeletedAt_UpdatedAt_Id_Title",
                table: "Articles",
                columns: new[] { "CreatedByUserId", "DeletedAt", "UpdatedAt", "Id", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Desk",
                table: "Articles",
                columns: new[] { "DeletedAt", "UpdatedAt", "Id", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Drafts",
                table: "Articles",
                columns: new[] { "DeletedAt", "CreatedByUserId", "UpdatedAt" },
                filter: "\"DeletedAt\" IS NULL AND \"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ReviewQueue",
                table: "Articles",
                columns: new[] { "DeletedAt", "ReviewRequestedAt" },
                filter: "\"DeletedAt\" IS NULL AND \"Status\" = 0 AND \"ReviewRequestedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_DeletedAt_UpdatedAt",
                table: "Articles",
                columns: new[] { "Status", "DeletedAt", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Trash",
                table: "Articles",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"DeletedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_WentLiveAt",
                table: "Articles",
                column: "WentLiveAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_CreatedByUserId_DeletedAt_UpdatedAt_Id_Title",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Desk",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Drafts",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_ReviewQueue",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_DeletedAt_UpdatedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Trash",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_WentLiveAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CreatedByUserId",
                table: "Articles",
                column: "CreatedByUserId");

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
                name: "IX_Articles_Status_UpdatedAt",
                table: "Articles",
                columns: new[] { "Status", "UpdatedAt" });
        }
    }
}
