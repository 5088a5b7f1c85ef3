using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Newsletters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PausedUntil",
                table: "Subscribers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingEmail",
                table: "Subscribers",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PendingEmailExpiresAt",
                table: "Subscribers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingEmailTokenHash",
                table: "Subscribers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SignupArticleId",
                table: "Subscribers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SoftBounceCount",
                table: "Subscribers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "WelcomeSentAt",
                table: "Subscribers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromName",
                table: "OutboxTemplates",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromName",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OutboxMessageId",
                table: "NewsletterRecipients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDigest",
                table: "NewsletterIssues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NewsletterId",
                table: "NewsletterIssues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "Opens",
                table: "NewsletterIssues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Preheader",
                table: "NewsletterIssues",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledFor",
                table: "NewsletterIssues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriberId = table.Column<int>(type: "INTEGER", nullable: true),
                    AddressHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Wording = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentEvents_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    NewsletterIssueId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubscriberId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportMessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliveryEvents_NewsletterIssues_NewsletterIssueId",
                        column: x => x.NewsletterIssueId,
                        principalTable: "NewsletterIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DeliveryEvents_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "NewsletterLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NewsletterIssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Clicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsletterLinks_NewsletterIssues_NewsletterIssueId",
                        column: x => x.NewsletterIssueId,
                        principalTable: "NewsletterIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Newsletters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDigest = table.Column<bool>(type: "INTEGER", nullable: false),
                    DigestDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DigestMinuteOfDay = table.Column<int>(type: "INTEGER", nullable: false),
                    DigestMaxStories = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDigestAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Newsletters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NewsletterIssueId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LiftedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppressions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Suppressions_NewsletterIssues_NewsletterIssueId",
                        column: x => x.NewsletterIssueId,
                        principalTable: "NewsletterIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "NewsletterSections",
                columns: table => new
                {
                    NewsletterId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterSections", x => new { x.NewsletterId, x.SectionsId });
                    table.ForeignKey(
                        name: "FK_NewsletterSections_Newsletters_NewsletterId",
                        column: x => x.NewsletterId,
                        principalTable: "Newsletters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NewsletterSections_Sections_SectionsId",
                        column: x => x.SectionsId,
                        principalTable: "Sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NewsletterSubscriptions",
                columns: table => new
                {
                    SubscriberId = table.Column<int>(type: "INTEGER", nullable: false),
                    NewsletterId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterSubscriptions", x => new { x.SubscriberId, x.NewsletterId });
                    table.ForeignKey(
                        name: "FK_NewsletterSubscriptions_Newsletters_NewsletterId",
                        column: x => x.NewsletterId,
                        principalTable: "Newsletters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NewsletterSubscriptions_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Newsletters",
                columns: new[] { "Id", "Description", "DigestDays", "DigestMaxStories", "DigestMinuteOfDay", "IsActive", "IsDigest", "LastDigestAt", "Name", "Position", "SenderName", "Slug" },
                values: new object[] { 1, "Our most important stories, when the newsroom sends them.", 0, 10, 0, true, false, null, "The newsletter", 0, null, "newsletter" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_PendingEmailTokenHash",
                table: "Subscribers",
                column: "PendingEmailTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_SignupArticleId",
                table: "Subscribers",
                column: "SignupArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterRecipients_OutboxMessageId",
                table: "NewsletterRecipients",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssues_NewsletterId",
                table: "NewsletterIssues",
                column: "NewsletterId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterIssues_Status_ScheduledFor",
                table: "NewsletterIssues",
                columns: new[] { "Status", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentEvents_AddressHash_Kind",
                table: "ConsentEvents",
                columns: new[] { "AddressHash", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentEvents_SubscriberId_At",
                table: "ConsentEvents",
                columns: new[] { "SubscriberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_Address",
                table: "DeliveryEvents",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_NewsletterIssueId_Kind",
                table: "DeliveryEvents",
                columns: new[] { "NewsletterIssueId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_ReportMessageId",
                table: "DeliveryEvents",
                column: "ReportMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryEvents_SubscriberId",
                table: "DeliveryEvents",
                column: "SubscriberId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterLinks_NewsletterIssueId",
                table: "NewsletterLinks",
                column: "NewsletterIssueId");

            migrationBuilder.CreateIndex(
                name: "IX_Newsletters_Slug",
                table: "Newsletters",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSections_SectionsId",
                table: "NewsletterSections",
                column: "SectionsId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSubscriptions_NewsletterId_SubscriberId",
                table: "NewsletterSubscriptions",
                columns: new[] { "NewsletterId", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Address_LiftedAt",
                table: "Suppressions",
                columns: new[] { "Address", "LiftedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_CreatedAt",
                table: "Suppressions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_NewsletterIssueId",
                table: "Suppressions",
                column: "NewsletterIssueId");

            // Everyone subscribed before there were several newsletters takes the first one.
            migrationBuilder.Sql("""
                INSERT INTO NewsletterSubscriptions (SubscriberId, NewsletterId, CreatedAt)
                SELECT Id, 1, CreatedAt FROM Subscribers
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_NewsletterIssues_Newsletters_NewsletterId",
                table: "NewsletterIssues",
                column: "NewsletterId",
                principalTable: "Newsletters",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_NewsletterIssues_Newsletters_NewsletterId",
                table: "NewsletterIssues");

            migrationBuilder.DropTable(
                name: "ConsentEvents");

            migrationBuilder.DropTable(
                name: "DeliveryEvents");

            migrationBuilder.DropTable(
                name: "NewsletterLinks");

            migrationBuilder.DropTable(
                name: "NewsletterSections");

            migrationBuilder.DropTable(
                name: "NewsletterSubscriptions");

            migrationBuilder.DropTable(
                name: "SiteSecrets");

            migrationBuilder.DropTable(
                name: "Suppressions");

            migrationBuilder.DropTable(
                name: "Newsletters");

            migrationBuilder.DropIndex(
                name: "IX_Subscribers_PendingEmailTokenHash",
                table: "Subscribers");

            migrationBuilder.DropIndex(
                name: "IX_Subscribers_SignupArticleId",
                table: "Subscribers");

            migrationBuilder.DropIndex(
                name: "IX_NewsletterRecipients_OutboxMessageId",
                table: "NewsletterRecipients");

            migrationBuilder.DropIndex(
                name: "IX_NewsletterIssues_NewsletterId",
                table: "NewsletterIssues");

            migrationBuilder.DropIndex(
                name: "IX_NewsletterIssues_Status_ScheduledFor",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "PausedUntil",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "PendingEmail",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "PendingEmailExpiresAt",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "PendingEmailTokenHash",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "SignupArticleId",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "SoftBounceCount",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "WelcomeSentAt",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "FromName",
                table: "OutboxTemplates");

            migrationBuilder.DropColumn(
                name: "FromName",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "OutboxMessageId",
                table: "NewsletterRecipients");

            migrationBuilder.DropColumn(
                name: "IsDigest",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "NewsletterId",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "Opens",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "Preheader",
                table: "NewsletterIssues");

            migrationBuilder.DropColumn(
                name: "ScheduledFor",
                table: "NewsletterIssues");
        }
    }
}
