using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// One node's page cache, kept in files in the data folder rather than on the managed heap
/// (bench/README.md, "Memory with the page cache in files"). On the heap, each megabyte of cached pages cost about two
/// of working set, garbage waiting for the collector included; in files, the operating system's file cache keeps the
/// pages being read in memory, outside the process, and gives that memory back when something else needs it. The
/// process holds the index (a digest of the key, the file's number, expiry, tags) and, up to
/// <c>Caching:PageCacheMemoryMegabytes</c>, the bytes of the most read pages.
/// <para>
/// Bounded by <c>Caching:PageCacheMegabytes</c> of stored (compressed) pages: past it the least recently read pages
/// go first, expired ones before them. Each process keeps its own folder, empty at start, since the evictions it
/// missed while stopped would otherwise be served; a folder left by a process that died is removed by the next start.
/// With Redis, the shared store replaces this one.
/// </para>
/// </summary>
public sealed class FilePageStore : IOutputCacheStore, IDisposable
{
    // Beside each process's folder, held open and unshared while the process runs: how a later start tells a live
    // store's folder from a dead one's. Made before the folder, so no folder of a running process is without one.
    private const string OwnerSuffix = ".owner";
    private static readonly object EvictionsWhenLookedUp = new();

    private readonly string folder;
    private readonly long capacity;
    private readonly long memoryCapacity;
    private readonly TimeProvider time;
    private readonly IHttpContextAccessor? requests;
    private readonly ILogger logger;
    private readonly FileStream owner;
    private readonly Lock gate = new();

    // Under the lock.
    // Keyed by a digest of the output cache's key (KeyOf), not the key: the index holds tens of thousands of pages.
    private readonly Dictionary<UInt128, Page> pages = [];
    private readonly Dictionary<string, Tag> byTag = new(StringComparer.Ordinal);
    private readonly List<Page> inMemory = [];
    private long storedBytes;
    private long inMemoryBytes;
    private int inMemoryCount;
    private long reads;
    // Counts evictions, so a page rendered while one happened is not kept (see RenderedDuringAnEviction).
    private long evictions;

    private long fileNumber;
    private volatile bool writeFailed;

    // The index holds one of these per stored page, tens of thousands of them, so each is kept small: its file's
    // number rather than its path, its expiry in ticks, and its tags as the tag index's own entries (Add).
    private sealed class Page(UInt128 key, long number, int length, long expiresTicks)
    {
        public UInt128 Key { get; } = key;
        public long Number { get; } = number;
        public int Length { get; } = length;
        public long ExpiresTicks { get; } = expiresTicks;
        public Tag[] Tags { get; set; } = [];
        /// <summary>When it was last read, as a count of reads: the least recently read go first.</summary>
        public long LastRead;
        /// <summary>The bytes, while the page is among the most read; otherwise null and read from the file.</summary>
        public byte[]? Bytes;
        /// <summary>Out of the index: its tags' lists may still hold it until they are next tidied (see Tag).</summary>
        public bool Removed;
    }

    public FilePageStore(DataPaths paths, IOptions<CachingOptions> options, IHttpContextAccessor requests, TimeProvider time, ILogger<FilePageStore> logger)
        : this(Path.Combine(paths.DataDirectory, "page-cache"), options.Value.PageCacheMegabytes * 1024L * 1024,
            options.Value.PageCacheMemoryMegabytes * 1024L * 1024, time, logger, requests)
    {
    }

    internal FilePageStore(string parentFolder, long capacityBytes, long memoryBytes, TimeProvider time, ILogger<FilePageStore> logger,
        IHttpContextAccessor? requests = null)
    {
        capacity = capacityBytes;
        memoryCapacity = memoryBytes;
        this.time = time;
        this.requests = requests;
        this.logger = logger;
        Directory.CreateDirectory(parentFolder);
        RemoveFoldersOfStoppedProcesses(parentFolder, logger);
        folder = Path.Combine(parentFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        owner = new FileStream(folder + OwnerSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(folder);
    }

    internal long StoredBytes { get { lock (gate) { return storedBytes; } } }

    internal int Count { get { lock (gate) { return pages.Count; } } }

    /// <summary>The entries a tag's list holds, removed pages not yet swept out included: for tests.</summary>
    internal int EntriesUnder(string tag) { lock (gate) { return byTag.GetValueOrDefault(tag)?.Entries ?? 0; } }

    /// <summary>Pages whose bytes are held in memory, and the entries the list of them keeps: for tests.</summary>
    internal (int Pages, int Entries) InMemory { get { lock (gate) { return (inMemoryCount, inMemory.Count); } } }

    public ValueTask<byte[]?> GetAsync(string cacheKey, CancellationToken cancellationToken)
    {
        var key = KeyOf(cacheKey);
        Page? page;
        lock (gate)
        {
            if (pages.TryGetValue(key, out page) && page.ExpiresTicks <= time.GetUtcNow().UtcTicks)
            {
                Remove(page);
                DeleteFile(FileOf(page));
                page = null;
            }
            if (page is null)
            {
                NoteMiss();
                return ValueTask.FromResult<byte[]?>(null);
            }
            page.LastRead = ++reads;
            if (page.Bytes is { } kept)
            {
                return ValueTask.FromResult<byte[]?>(kept);
            }
        }
        // Read synchronously: the page is small and almost always in the file cache, and a read handed to the thread
        // pool costs more than it saves.
        var bytes = new byte[page.Length];
        try
        {
            using var handle = File.OpenHandle(FileOf(page));
            if (RandomAccess.Read(handle, bytes, 0) != bytes.Length)
            {
                bytes = null;
            }
        }
        catch (IOException)
        {
            // Evicted or replaced between the look-up and the read: a miss, as it would have been a moment later.
            bytes = null;
        }
        lock (gate)
        {
            if (bytes is null)
            {
                NoteMiss();
            }
            else if (pages.TryGetValue(key, out var current) && current == page)
            {
                KeepInMemory(page, bytes);
            }
        }
        return ValueTask.FromResult(bytes);
    }

    public ValueTask SetAsync(string cacheKey, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var key = KeyOf(cacheKey);
        if (value.Length > capacity)
        {
            return ValueTask.CompletedTask;
        }
        // A new file for every version, written before the index points at it: a reader finds the old page or the
        // whole new one, never half of it.
        var number = Interlocked.Increment(ref fileNumber);
        var file = FileOf(number);
        try
        {
            File.WriteAllBytes(file, value);
            writeFailed = false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A full disk, a removed folder, a changed permission: the page is served uncached, and the site says so
            // once, not per page. What was written of it goes; the folder comes back if it was removed.
            if (!writeFailed)
            {
                writeFailed = true;
                logger.LogWarning(exception, "Pages cannot be cached in {Folder}; they are rendered for every request until they can", folder);
            }
            DeleteFile(file);
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Said above.
            }
            return ValueTask.CompletedTask;
        }
        var page = new Page(key, number, value.Length, (time.GetUtcNow() + validFor).UtcTicks);
        List<string> unused = [];
        lock (gate)
        {
            if (RenderedDuringAnEviction())
            {
                unused.Add(file);
            }
            else
            {
                Add(page, tags ?? [], value, unused);
            }
        }
        DeleteFiles(unused);
        return ValueTask.CompletedTask;
    }

    // Under the lock.
    private void Add(Page page, string[] tagNames, byte[] bytes, List<string> unused)
    {
        if (pages.TryGetValue(page.Key, out var replaced))
        {
            Remove(replaced);
            unused.Add(FileOf(replaced));
        }
        pages[page.Key] = page;
        page.LastRead = ++reads;
        storedBytes += page.Length;
        // Just rendered because a reader asked for it: likely asked for again.
        KeepInMemory(page, bytes);
        // Every page of a section carries "section:3": the index has one entry per tag, which its pages share.
        var filedUnder = new List<Tag>(tagNames.Length);
        foreach (var name in tagNames)
        {
            ref var tag = ref CollectionsMarshal.GetValueRefOrAddDefault(byTag, name, out _);
            tag ??= new Tag(name);
            if (!filedUnder.Contains(tag))
            {
                tag.Add(page);
                filedUnder.Add(tag);
            }
        }
        page.Tags = [.. filedUnder];
        if (storedBytes > capacity)
        {
            MakeRoom(unused);
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        List<string> unused = [];
        lock (gate)
        {
            evictions++;
            if (byTag.TryGetValue(tag, out var filed))
            {
                foreach (var page in filed.Pages())
                {
                    Remove(page);
                    unused.Add(FileOf(page));
                }
            }
        }
        DeleteFiles(unused);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(folder + OwnerSuffix);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next start to remove.
        }
        owner.Dispose();
    }

    // Under the lock. A miss is followed by the page's render and then SetAsync, in the same request: what the render
    // reads from the database is at least as new as this moment. (The output cache always merges simultaneous
    // look-ups of one page, so a request may render without having looked up itself: see RenderedDuringAnEviction.
    // The public pages' policy only stops it merging their renders.)
    private void NoteMiss()
    {
        if (requests?.HttpContext is { } request)
        {
            request.Items[EvictionsWhenLookedUp] = evictions;
        }
    }

    // Under the lock. A render that began before a change committed may have read the old content, and the change's
    // eviction found nothing to remove yet: kept, that page would be served stale until the next change. So a page is
    // kept only if no eviction happened since its request missed; a request that did not look up itself (it waited
    // on another's look-up) cannot say, and its page is not kept either. Content changes are rare next to renders:
    // the price is an occasional page rendered again. Checked under the lock evictions take, so none slips between.
    // Outside a request (tests, tools) there is nothing to compare, and the page is kept.
    private bool RenderedDuringAnEviction() =>
        requests?.HttpContext is { } request
        && !(request.Items.TryGetValue(EvictionsWhenLookedUp, out var then) && then is long count && count == evictions);

    // Under the lock. Down to nine tenths of the bound, so the scan runs once per tenth of it written, not per page:
    // the expired first, then the least recently read.
    private void MakeRoom(List<string> unused)
    {
        var now = time.GetUtcNow().UtcTicks;
        var target = capacity / 10 * 9;
        foreach (var page in pages.Values.OrderBy(p => p.ExpiresTicks > now).ThenBy(p => p.LastRead).ToArray())
        {
            if (storedBytes <= target)
            {
                break;
            }
            Remove(page);
            unused.Add(FileOf(page));
        }
    }

    // Under the lock. The most read pages are also kept in memory, up to Caching:PageCacheMemoryMegabytes, so the front
    // page and the day's stories cost no file read. Past the bound, the least recently read quarter leaves memory.
    private void KeepInMemory(Page page, byte[] bytes)
    {
        // A page bigger than an eighth of the room would push out many small ones for itself.
        if (page.Bytes is not null || page.Length > memoryCapacity / 8)
        {
            return;
        }
        page.Bytes = bytes;
        inMemory.Add(page);
        inMemoryBytes += page.Length;
        inMemoryCount++;
        if (inMemoryBytes <= memoryCapacity)
        {
            // Pages removed from the store leave their entry here; sweep them out before they outnumber the rest.
            if (inMemory.Count > 2 * inMemoryCount + 64)
            {
                inMemory.RemoveAll(p => p.Bytes is null);
            }
            return;
        }
        inMemory.RemoveAll(p => p.Bytes is null);
        inMemory.Sort((a, b) => b.LastRead.CompareTo(a.LastRead));
        var kept = 0L;
        var keep = 0;
        while (keep < inMemory.Count && kept + inMemory[keep].Length <= memoryCapacity / 4 * 3)
        {
            kept += inMemory[keep++].Length;
        }
        foreach (var cooled in inMemory.Skip(keep))
        {
            cooled.Bytes = null;
        }
        inMemory.RemoveRange(keep, inMemory.Count - keep);
        inMemoryBytes = kept;
        inMemoryCount = keep;
    }

    // Under the lock.
    private void Remove(Page page)
    {
        pages.Remove(page.Key);
        page.Removed = true;
        storedBytes -= page.Length;
        if (page.Bytes is not null)
        {
            page.Bytes = null;
            inMemoryBytes -= page.Length;
            inMemoryCount--;
        }
        foreach (var tag in page.Tags)
        {
            if (tag.Remove(page) == 0 && byTag.GetValueOrDefault(tag.Name) == tag)
            {
                byTag.Remove(tag.Name);
            }
        }
        // A removed page can wait in a live tag's list until its next sweep: it must not keep its other tags (and
        // through them more removed pages) reachable meanwhile.
        page.Tags = [];
    }

    private string FileOf(Page page) => FileOf(page.Number);

    private string FileOf(long number) => Path.Combine(folder, number.ToString(CultureInfo.InvariantCulture));

    // The output cache's keys are a hundred characters or more (method, host, path, query, varied values); the index
    // keeps 16 bytes of their SHA-256 instead. A cryptographic digest, since readers choose the query string: no one
    // can make two pages' keys meet.
    private static UInt128 KeyOf(string cacheKey)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(cacheKey.AsSpan()), digest);
        return MemoryMarshal.Read<UInt128>(digest);
    }

    /// <summary>
    /// The pages filed under one tag, under the lock. Most tags are a single story's ("article:42") with one page:
    /// that one is held without a list. A list keeps references, not keys (a quarter of a key's room in a set), and
    /// forgets a removed page lazily: it is skipped when the tag is evicted, and swept out once the removed outnumber
    /// the rest, so the list stays within a small multiple of the pages it holds.
    /// </summary>
    private sealed class Tag(string name)
    {
        private Page? only;
        private List<Page>? several;

        public string Name { get; } = name;

        /// <summary>The pages filed under it that are still in the index.</summary>
        public int Count { get; private set; }

        /// <summary>Its list's length, removed pages not yet swept out included: for tests.</summary>
        public int Entries => several?.Count ?? (only is null ? 0 : 1);

        public void Add(Page page)
        {
            Count++;
            if (several is not null)
            {
                // No sweep here: Remove keeps the removed entries within the rest, and an addition only adds to the rest.
                several.Add(page);
            }
            else if (only is null)
            {
                only = page;
            }
            else
            {
                several = [only, page];
                only = null;
            }
        }

        /// <summary>Forgets a page that has left the index; returns how many are left.</summary>
        public int Remove(Page page)
        {
            Count--;
            if (only == page)
            {
                only = null;
            }
            else if (Count == 0)
            {
                several = null;
            }
            else
            {
                SweepIfMostlyRemoved();
            }
            return Count;
        }

        public List<Page> Pages() =>
            several is not null ? several.Where(p => !p.Removed).ToList() : only is null ? [] : [only];

        private void SweepIfMostlyRemoved()
        {
            if (several is not null && several.Count > 2 * Count + 16)
            {
                several.RemoveAll(p => p.Removed);
            }
        }
    }

    private static void DeleteFiles(List<string> files)
    {
        foreach (var file in files)
        {
            DeleteFile(file);
        }
    }

    // A file that cannot be deleted now is out of the index all the same, and the folder goes when the process stops.
    private static void DeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveFoldersOfStoppedProcesses(string parentFolder, ILogger logger)
    {
        foreach (var candidate in Directory.EnumerateDirectories(parentFolder))
        {
            var ownerFile = candidate + OwnerSuffix;
            try
            {
                // Opening the owner file unshared fails while its process runs (and holds it). A folder with no owner
                // file is a leftover: a running process makes its owner file first.
                if (File.Exists(ownerFile))
                {
                    using (File.Open(ownerFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                Directory.Delete(candidate, recursive: true);
                File.Delete(ownerFile);
            }
            catch (IOException)
            {
                // In use by a running process, or going away already.
            }
            catch (UnauthorizedAccessException exception)
            {
                logger.LogWarning(exception, "Could not remove the old page cache folder {Folder}", candidate);
            }
        }
    }
}
