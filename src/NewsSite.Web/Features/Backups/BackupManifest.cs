using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsSite.Web.Features.Backups;

/// <summary>
/// manifest.json, written last into a backup: what it holds and each file's SHA-256, so a restore can prove the
/// copy is whole before it touches anything. A folder without one is not a backup.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTime CreatedAt,
    string AppVersion,
    // The database's file in the backup ("news.db"), or null when the engine is a server (PostgreSQL).
    string? Database,
    // The last migration applied to the database copied (or, without a copy, to the live one).
    string? LastMigration,
    BackupCounts Counts,
    // Media files the database names that were not there to copy (deleted while the backup ran).
    IReadOnlyList<string> MissingMedia,
    IReadOnlyList<BackupFile> Files,
    string? Note)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFileName = "news.db";
    public const string MediaFolder = "media";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by people too: "1.0.0+abc" rather than "1.0.0\u002Babc". A file, never HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    // The manifest in <paramref name="folder"/>, or null when there is none or it cannot be read.
    public static BackupManifest? Read(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(Path.Combine(folder, FileName)), Json) is { Files: not null, Counts: not null } manifest
                ? manifest
                : null;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>What the backup holds, counted in the database copied, and the media files copied.</summary>
public sealed record BackupCounts(int Articles, int Revisions, int Subscribers, int MediaItems, int MediaFiles);

/// <summary>A file of the backup: its path inside the backup (forward slashes), its size and its SHA-256 in hex.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);
