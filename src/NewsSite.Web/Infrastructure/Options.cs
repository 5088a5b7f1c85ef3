using System.ComponentModel.DataAnnotations;

namespace NewsSite.Web.Infrastructure;

public sealed class SiteOptions
{
    public const string SectionName = "Site";

    [Required, StringLength(100)]
    public string Name { get; set; } = "NewsSite";

    /// <summary>Absolute base address used wherever a link must work outside the site: feeds, canonical links, emails.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    [StringLength(300)]
    public string Description { get; set; } = "";

    /// <summary>The inline advertisement goes after this many paragraphs of an article body.</summary>
    [Range(1, 50)]
    public int AdAfterParagraph { get; set; } = 3;

    [Range(5, 100)]
    public int PageSize { get; set; } = 12;

    /// <summary>IANA time zone in which dates are shown to readers; stored times stay UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>The paper's X handle for twitter:site (the settings page's value wins when an administrator sets one).</summary>
    [RegularExpression("^@?[A-Za-z0-9_]{1,15}$", ErrorMessage = "Site:XHandle is an X handle: letters, digits and underscores, at most 15.")]
    public string? XHandle { get; set; }

    public Uri AbsoluteUrl(string path) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), path.TrimStart('/'));
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// The engine: <c>Sqlite</c> (one node, the default) or <c>Postgres</c> (any number of nodes).
    /// <c>ConnectionStrings:News</c> is in that engine's format.
    /// </summary>
    [Required]
    public string Provider { get; set; } = nameof(DatabaseEngine.Sqlite);

    /// <summary>The engine <see cref="Provider"/> names, ignoring case; null for a name it does not know.</summary>
    public DatabaseEngine? Engine => Enum.GetValues<DatabaseEngine>().Cast<DatabaseEngine?>()
        .FirstOrDefault(engine => string.Equals(engine.ToString(), Provider?.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seeds the sample articles, but only into a database with no sections yet.</summary>
    public bool SeedSampleContent { get; set; } = true;
}

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the database, uploaded media, logs and the mail pickup folder; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>
    /// The folder uploaded images are stored in and served from; relative paths are resolved against the content
    /// root. Unset: <c>media</c> inside the data folder. Nodes behind one load balancer point this at one shared
    /// folder (an NFS or bind-mounted volume), so an image uploaded on one node is served by all of them; logs and the
    /// mail pickup folder stay each node's own.
    /// </summary>
    [StringLength(1000)]
    public string? MediaDirectory { get; set; }
}

public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>Output caching of anonymous pages. Off only to measure the cost of rendering.</summary>
    public bool OutputCacheEnabled { get; set; } = true;

    // Content changes evict the pages they affect at once (EvictionMap); the expiry bounds what is not followed:
    // time-based changes such as "last 48 hours", and blocks showing other stories (related, previous/next, most read).
    // Fifteen minutes: the workload's crawler renders a tail story about every seven, so a reader of the long tail
    // mostly finds the crawler's render still fresh. Over 30 minutes the share from the cache was 93.9 % at 300 s and
    // 94.96–95.1 % at 900 s (bench/README.md, "A lifetime of fifteen minutes").
    [Range(1, 86400)]
    public int PageSeconds { get; set; } = 900;

    /// <summary>
    /// One node's page cache (FilePageStore): its bound, in megabytes of stored (compressed) pages in files in the data
    /// folder; past it the least recently read pages go first. With Redis, the shared store's own memory policy bounds
    /// it instead.
    /// </summary>
    // Room for ~100,000 compressed articles. With pages living fifteen minutes the workload's readers and crawler ask
    // for more than 512 MB held: over 30 minutes 640 MB took the share from the cache in the second half from 94.96 to
    // 97.1 %, and the peak working set went down, not up, with fewer renders' garbage (bench/README.md, "A lifetime
    // of fifteen minutes"). Each page held costs the process about 400 bytes of index (FilePageStore); the bytes are
    // in files.
    [Range(1, 65536)]
    public int PageCacheMegabytes { get; set; } = 640;

    /// <summary>How much of that the process also keeps in memory, for the most read pages; 0 reads every hit from its file.</summary>
    // 4 MB holds the front page, the lists and the day's stories. At 16 the pages moving in and out of it cost the
    // process 20 MB more working set on the workload, for file reads the system's file cache answers anyway.
    [Range(0, 65536)]
    public int PageCacheMemoryMegabytes { get; set; } = 4;
}

public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
