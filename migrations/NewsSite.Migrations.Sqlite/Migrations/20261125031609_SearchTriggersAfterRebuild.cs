using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsSite.Migrations.Sqlite.Migrations
{
    /// <summary>The full-text triggers again, after CardColumnsFirst rebuilt Articles (which dropped them).</summary>
    public partial class SearchTriggersAfterRebuild : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => ArticleSearchTriggers.Create(migrationBuilder);

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_SearchInsert;");
        }
    }
}
