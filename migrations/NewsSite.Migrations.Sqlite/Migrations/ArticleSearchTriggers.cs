using Microsoft.EntityFrameworkCore.Migrations;

namespace NewsSite.Migrations.Sqlite.Migrations;

/// <summary>
/// The triggers that keep the ArticleSearch full-text index in step with Articles. SQLite drops a table's triggers
/// with the table, and EF rebuilds a table for some column changes, so every migration that rebuilds Articles calls
/// <see cref="Create"/> again after the rebuild (the search integration tests fail if one forgets).
/// </summary>
internal static class ArticleSearchTriggers
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER Articles_SearchInsert AFTER INSERT ON Articles BEGIN
                INSERT INTO ArticleSearch(rowid, Title, Standfirst, BodyText) VALUES (new.Id, new.Title, new.Standfirst, new.BodyText);
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER Articles_SearchDelete AFTER DELETE ON Articles BEGIN
                INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Standfirst, BodyText) VALUES ('delete', old.Id, old.Title, old.Standfirst, old.BodyText);
            END;
            """);
        // Fires only when an indexed column changes, so publishing or featuring a story does not re-index it.
        migrationBuilder.Sql("""
            CREATE TRIGGER Articles_SearchUpdate AFTER UPDATE OF Title, Standfirst, BodyText ON Articles BEGIN
                INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Standfirst, BodyText) VALUES ('delete', old.Id, old.Title, old.Standfirst, old.BodyText);
                INSERT INTO ArticleSearch(rowid, Title, Standfirst, BodyText) VALUES (new.Id, new.Title, new.Standfirst, new.BodyText);
            END;
            """);
    }
}
