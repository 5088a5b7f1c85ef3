using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DropOutboxMessageId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite drops a plain column in place. EF's DropColumn rebuilds the table from the model instead, which
            // loses the DEFAULT 0 that AddColumn gave ContainsSecret (Hardening), and the newsletter fan-out's
            // INSERT … SELECT, which leaves that column out, then fails its NOT NULL.
            migrationBuilder.Sql("ALTER TABLE \"Outbox\" DROP COLUMN \"MessageId\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }
    }
}
