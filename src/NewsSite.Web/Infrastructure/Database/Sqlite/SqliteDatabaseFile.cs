using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Database.Sqlite;

/// <summary>
/// SQLite's <see cref="IDatabaseFile"/>. The copy is <c>VACUUM INTO</c>, not the online backup API: it is one statement
/// that reads the whole database in one read transaction, and under WAL a reader never blocks the site's writers, nor
/// they it, so the copy is the database as of one instant while the site goes on writing. The backup API through
/// Microsoft.Data.Sqlite (<c>BackupDatabase</c>) copies all pages in one step too, but it carries free pages along,
/// needs a second connection on the target, and leaves the copy in WAL mode; VACUUM INTO writes a compact file in
/// rollback-journal mode (one file, nothing beside it to forget) and reads every row on the way, so a damaged page
/// fails the backup instead of being copied silently.
/// </summary>
public sealed class SqliteDatabaseFile(NewsDbContext db) : IDatabaseFile
{
    public string Path => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    public async Task CopyToAsync(string target, CancellationToken cancellationToken)
    {
        // A parameter, not text in the SQL: the path may hold quotes.
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}", cancellationToken);
        // SQLite does not sync the file VACUUM INTO writes; the backup must be on disk before it is called whole.
        await using var written = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        written.Flush(flushToDisk: true);
    }

    public NewsDbContext Open(string file) => new(new DbContextOptionsBuilder<NewsDbContext>()
        // No pooling: the handle closes with the context, so the file can be renamed or deleted at once.
        .UseSqlite(ReadOnly(file), sqlite => sqlite.MigrationsAssembly(SqliteSetup.MigrationsAssembly))
        .UseModel(NewsSite.Data.CompiledModels.Sqlite.NewsDbContextModel.Instance)
        .Options);

    public async Task<string?> CheckAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ReadOnly(file));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var found = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken) && found.Count < 10)
                {
                    found.Add(reader.GetString(0));
                }
            }
            return found is ["ok"] ? null : string.Join("; ", found);
        }
        catch (SqliteException exception)
        {
            // "file is not a database", "database disk image is malformed": the check's answer, not a crash.
            return exception.Message;
        }
    }

    private static string ReadOnly(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
}
