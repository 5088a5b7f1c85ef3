using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Newsletter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_Status_NextAttemptAt",
                table: "Outbox");

            migrationBuilder.AddColumn<bool>(
                name: "IsBulk",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "TemplateId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TemplateValue",
                table: "Outbox",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NewsletterIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Intro = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    QueuedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterIssues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    Placeholder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Subscribers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmationTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConfirmationExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastConfirmationSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribeToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConsentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsentSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConsentText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NewsletterIssueArticles",
                columns: table => new
                {
                    NewsletterIssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterIssueArticles", x => new { x.NewsletterIssueId, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_NewsletterIssueArticles_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NewsletterIssueArticles_NewsletterIssues_NewsletterIssueId",
                        column: x => x.NewsletterIssueId,
                        principalTable: "NewsletterIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Status_IsBulk_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "Status", "IsBulk", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_TemplateId",
                table: "Outbox",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssueArticles_ArticleId",
                table: "NewsletterIssueArticles",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssues_CreatedAt",
                table: "NewsletterIssues",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_ConfirmationTokenHash",
                table: "Subscribers",
                column: "ConfirmationTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_CreatedAt",
                table: "Subscribers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_Email",
                table: "Subscribers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_Status_Id",
                table: "Subscribers",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_UnsubscribeToken",
                table: "Subscribers",
                column: "UnsubscribeToken",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Outbox_OutboxTemplates_TemplateId",
                table: "Outbox",
                column: "TemplateId",
                principalTable: "OutboxTemplates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Outbox_OutboxTemplates_TemplateId",
                table: "Outbox");

            migrationBuilder.DropTable(
                name: "NewsletterIssueArticles");

            migrationBuilder.DropTable(
                name: "OutboxTemplates");

            migrationBuilder.DropTable(
                name: "Subscribers");

            migrationBuilder.DropTable(
                name: "NewsletterIssues");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Status_IsBulk_NextAttemptAt",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_TemplateId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "IsBulk",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "TemplateValue",
                table: "Outbox");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Status_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
