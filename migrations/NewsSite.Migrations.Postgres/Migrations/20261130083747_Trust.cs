using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NewsSite.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Trust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HiddenFromNavigation",
                table: "Sections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Authors",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Expertise",
                table: "Authors",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JobTitle",
                table: "Authors",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PhotoMediaId",
                table: "Authors",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProfileLinks",
                table: "Authors",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "XHandle",
                table: "Authors",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Backstory",
                table: "Articles",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Dateline",
                table: "Articles",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LiveEndedAt",
                table: "Articles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LiveStartedAt",
                table: "Articles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ShownUpdatedAt",
                table: "Articles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SponsorName",
                table: "Articles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdateReason",
                table: "Articles",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkType",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "BreakingNews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClearedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SetByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreakingNews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Corrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ShowAtTop = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "text", nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentToSubscribersAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Corrections_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FrontPagePins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PinnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PinnedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FrontPagePins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FrontPagePins_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BodyMarkdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsPinned = table.Column<bool>(type: "boolean", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "text", nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveEntries_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SiteSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    PaperName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Tagline = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LogoMediaId = table.Column<int>(type: "integer", nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PostalAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FooterLinks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SocialProfiles = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    XHandle = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SiteSettings_Media_LogoMediaId",
                        column: x => x.LogoMediaId,
                        principalTable: "Media",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StaticPages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    ShowInFooter = table.Column<bool>(type: "boolean", nullable: false),
                    FooterPosition = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaticPages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Authors_PhotoMediaId",
                table: "Authors",
                column: "PhotoMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_BreakingNews_ExpiresAt",
                table: "BreakingNews",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Corrections_ArticleId_At",
                table: "Corrections",
                columns: new[] { "ArticleId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Corrections_At",
                table: "Corrections",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_FrontPagePins_ArticleId",
                table: "FrontPagePins",
                column: "ArticleId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FrontPagePins_Slot_Position",
                table: "FrontPagePins",
                columns: new[] { "Slot", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveEntries_ArticleId_PostedAt",
                table: "LiveEntries",
                columns: new[] { "ArticleId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SiteSettings_LogoMediaId",
                table: "SiteSettings",
                column: "LogoMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_StaticPages_Kind",
                table: "StaticPages",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_StaticPages_Slug",
                table: "StaticPages",
                column: "Slug",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Authors_Media_PhotoMediaId",
                table: "Authors",
                column: "PhotoMediaId",
                principalTable: "Media",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Authors_Media_PhotoMediaId",
                table: "Authors");

            migrationBuilder.DropTable(
                name: "BreakingNews");

            migrationBuilder.DropTable(
                name: "Corrections");

            migrationBuilder.DropTable(
                name: "FrontPagePins");

            migrationBuilder.DropTable(
                name: "LiveEntries");

            migrationBuilder.DropTable(
                name: "SiteSettings");

            migrationBuilder.DropTable(
                name: "StaticPages");

            migrationBuilder.DropIndex(
                name: "IX_Authors_PhotoMediaId",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "HiddenFromNavigation",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "Expertise",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "JobTitle",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "PhotoMediaId",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "ProfileLinks",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "XHandle",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "Backstory",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Dateline",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "LiveEndedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "LiveStartedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ShownUpdatedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "SponsorName",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "UpdateReason",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WorkType",
                table: "Articles");
        }
    }
}
