using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Database;

/// <summary>
/// The database as one file on this machine, for backups and restores (Features/Backups). Only an engine that keeps
/// the database in a file registers it (SQLite); a server engine (PostgreSQL) has none, and is backed up with its own
/// tools (pg_dump), so the backups hold the media folder only there.
/// </summary>
public interface IDatabaseFile
{
    /// <summary>The full path of the file ConnectionStrings:News names.</summary>
    string Path { get; }

    /// <summary>
    /// Writes a consistent copy of the live database to <paramref name="target"/> (which must not exist) while the
    /// site keeps reading and writing, and flushes it to disk.
    /// </summary>
    Task CopyToAsync(string target, CancellationToken cancellationToken);

    /// <summary>A read-only context over another database file (a backup's copy). Dispose it before moving the file.</summary>
    NewsDbContext Open(string file);

    /// <summary>The engine's own check of a whole file: null when it is sound, else what the check found.</summary>
    Task<string?> CheckAsync(string file, CancellationToken cancellationToken);
}
