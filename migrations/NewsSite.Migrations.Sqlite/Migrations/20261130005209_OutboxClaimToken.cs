using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxClaimToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ClaimToken",
                table: "Outbox",
                column: "ClaimToken");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ClaimToken",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "Outbox");
        }
    }
}
