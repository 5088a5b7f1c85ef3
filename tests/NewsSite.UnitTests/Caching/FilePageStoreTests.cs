using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.UnitTests.Caching;

/// <summary>The one-node page cache, on real files in a folder of its own.</summary>
public sealed class FilePageStoreTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly string parent = Directory.CreateTempSubdirectory("newssite-pages-").FullName;
    private readonly HandClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<FilePageStore> stores = [];

    private FilePageStore Store(long capacity = 1024 * 1024, long memory = 0)
    {
        var store = new FilePageStore(parent, capacity, memory, clock, NullLogger<FilePageStore>.Instance);
        stores.Add(store);
        return store;
    }

    private static byte[] Page(byte fill, int length = 1000) => Enumerable.Repeat(fill, length).ToArray();

    private static Task<byte[]?> Get(FilePageStore store, string key) => store.GetAsync(key, CancellationToken.None).AsTask();

    private static Task Set(FilePageStore store, string key, byte[] page, TimeSpan validFor, params string[] tags) =>
        store.SetAsync(key, page, tags, validFor, CancellationToken.None).AsTask();

    private int FilesOnDisk() => Directory.EnumerateFiles(parent, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".owner"));

    [Theory]
    [InlineData(0)]
    [InlineData(1024 * 1024)]
    public async Task APage_ComesBackWhole_FromItsFile_AndAReplacementLeavesOneFile(long memory)
    {
        var store = Store(memory: memory);
        await Set(store, "/a", Page(1), Hour, "content");

        Assert.Equal(Page(1), await Get(store, "/a"));
        Assert.Null(await Get(store, "/b"));

        await Set(store, "/a", Page(2, 1500), Hour, "content");
        Assert.Equal(Page(2, 1500), await Get(store, "/a"));
        Assert.Equal(1, FilesOnDisk());
        Assert.Equal(1500, store.StoredBytes);
    }

    [Fact]
    public async Task APageIsRead_FromItsFile_WhenNotKeptInMemory()
    {
        var store = Store(memory: 0);
        await Set(store, "/a", Page(1), Hour);

        // What is served is what the file holds: nothing of the page stays in the process.
        File.WriteAllBytes(Directory.EnumerateFiles(parent, "*", SearchOption.AllDirectories).Single(f => !f.EndsWith(".owner")), Page(7));
        Assert.Equal(Page(7), await Get(store, "/a"));
    }

    [Fact]
    public async Task AnExpiredPage_IsAMiss_AndItsFileGoes()
    {
        var store = Store();
        await Set(store, "/a", Page(1), TimeSpan.FromMinutes(5));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await Get(store, "/a"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await Get(store, "/a"));
        Assert.Equal(0, FilesOnDisk());
        Assert.Equal(0, store.StoredBytes);
    }

    [Fact]
    public async Task EvictingATag_RemovesEveryPageFiledUnderIt_AndNoOther()
    {
        var store = Store(memory: 1024 * 1024);
        await Set(store, "/story-1", Page(1), Hour, "content", "story:1", "section:city");
        await Set(store, "/city", Page(2), Hour, "content", "section:city");
        await Set(store, "/story-2", Page(3), Hour, "content", "story:2");

        await store.EvictByTagAsync("section:city", CancellationToken.None);

        Assert.Null(await Get(store, "/story-1"));
        Assert.Null(await Get(store, "/city"));
        Assert.Equal(Page(3), await Get(store, "/story-2"));
        Assert.Equal(1, FilesOnDisk());

        // The evicted pages' other tags forget them too: evicting those later finds nothing to remove.
        await store.EvictByTagAsync("story:1", CancellationToken.None);
        await store.EvictByTagAsync("content", CancellationToken.None);
        Assert.Null(await Get(store, "/story-2"));
        Assert.Equal(0, store.Count);
        Assert.Equal(0, FilesOnDisk());
    }

    [Fact]
    public async Task ATagsPages_AreAllEvicted_AsItGoesFromOnePageToSeveralAndBack()
    {
        // The index holds a tag with one page without a list, and makes one at the second: every step must still find
        // every page filed under it.
        var store = Store();
        // Strings of their own, so the test can tell whether the store wrote anything into the caller's array.
        string[] tags = [new("content".AsSpan()), new("section:city".AsSpan())];
        string[] given = [.. tags];
        await Set(store, "/a", Page(1), Hour, "content", "section:city");
        await Set(store, "/a", Page(2), Hour, "content", "section:city");
        // The index holds both tags already: the caller's array must keep its own strings.
        await Set(store, "/e", Page(7), Hour, tags);
        await Set(store, "/b", Page(3), Hour, "content", "section:city", "story:b");
        await store.EvictByTagAsync("story:b", CancellationToken.None);
        Assert.Null(await Get(store, "/b"));
        await Set(store, "/c", Page(4), Hour, "section:city");
        await Set(store, "/d", Page(5), Hour, "section:city");

        await store.EvictByTagAsync("section:city", CancellationToken.None);

        Assert.Equal(0, store.Count);
        Assert.Equal(0, FilesOnDisk());
        Assert.All(tags.Zip(given), pair => Assert.Same(pair.Second, pair.First));
        // A tag emptied by eviction starts again with one page.
        await Set(store, "/a", Page(6), Hour, "section:city");
        await store.EvictByTagAsync("section:city", CancellationToken.None);
        Assert.Null(await Get(store, "/a"));
    }

    [Fact]
    public async Task PagesReplacedOrEvicted_DoNotPileUpInTheirTagsLists()
    {
        // A tag's list forgets removed pages lazily; a section page saved again and again must not grow it for good.
        var store = Store();
        await Set(store, "/city", Page(1), Hour, "content", "section:city");
        for (var i = 0; i < 500; i++)
        {
            await Set(store, "/city/story", Page(2), Hour, "content", "section:city", $"story:{i}");
            await store.EvictByTagAsync($"story:{i}", CancellationToken.None);
        }
        await Set(store, "/city/story", Page(3), Hour, "content", "section:city");

        // Two pages are filed under it; its list holds at most 16 more removed ones than that before a sweep.
        Assert.InRange(store.EntriesUnder("section:city"), 2, 2 + 2 + 16);
        Assert.Equal(0, store.EntriesUnder("story:499"));
        Assert.Equal(Page(1), await Get(store, "/city"));

        await store.EvictByTagAsync("content", CancellationToken.None);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.EntriesUnder("section:city"));
        Assert.Equal(0, FilesOnDisk());
    }

    [Fact]
    public async Task ATagsList_ShrinksAsItsPagesAreEvicted_WithoutNewOnes()
    {
        // Pages leave a shared tag's list through their own tags' evictions, with nothing added to it meanwhile.
        var store = Store();
        for (var i = 0; i < 300; i++)
        {
            await Set(store, $"/story-{i}", Page(1, 10), Hour, "section:city", $"story:{i}");
        }
        for (var i = 0; i < 290; i++)
        {
            await store.EvictByTagAsync($"story:{i}", CancellationToken.None);
        }

        Assert.Equal(10, store.Count);
        Assert.InRange(store.EntriesUnder("section:city"), 10, 10 + 10 + 16);
        await store.EvictByTagAsync("section:city", CancellationToken.None);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, FilesOnDisk());
    }

    [Fact]
    public async Task ATagGivenTwice_FilesThePageOnce()
    {
        var store = Store();
        await Set(store, "/a", Page(1), Hour, "content", "section:city", "content");
        Assert.Equal(1, store.EntriesUnder("content"));

        await store.EvictByTagAsync("section:city", CancellationToken.None);

        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.EntriesUnder("content"));
        await Set(store, "/b", Page(2), Hour, "content", "content");
        await store.EvictByTagAsync("content", CancellationToken.None);
        Assert.Null(await Get(store, "/b"));
    }

    [Fact]
    public async Task PastItsBound_TheLeastRecentlyReadPagesGo_ExpiredOnesFirst()
    {
        var store = Store(capacity: 10_000);
        await Set(store, "/old", Page(1), TimeSpan.FromMinutes(1));
        await Set(store, "/read", Page(2), Hour);
        for (var i = 0; i < 7; i++)
        {
            await Set(store, $"/filler-{i}", Page(3), Hour);
        }
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(await Get(store, "/read"));

        // The tenth kilobyte fills the bound; the eleventh passes it, and the store makes room down to nine tenths.
        await Set(store, "/ten", Page(4), Hour);
        await Set(store, "/eleven", Page(5), Hour);

        Assert.True(store.StoredBytes <= 9_000, $"{store.StoredBytes} bytes stored");
        Assert.Null(await Get(store, "/old"));
        Assert.Null(await Get(store, "/filler-0"));
        Assert.NotNull(await Get(store, "/read"));
        Assert.NotNull(await Get(store, "/eleven"));
        Assert.Equal(store.Count, FilesOnDisk());
    }

    [Fact]
    public async Task APageRenderedWhileContentChanged_IsNotKept_AndTheNextRenderIs()
    {
        var requests = new HttpContextAccessor();
        var store = new FilePageStore(parent, 1024 * 1024, 0, clock, NullLogger<FilePageStore>.Instance, requests);
        stores.Add(store);

        // A reader's request misses and renders the story from the database as it was...
        requests.HttpContext = new DefaultHttpContext();
        Assert.Null(await Get(store, "/story"));
        // ...the editor's change commits and evicts the story's pages (none cached yet)...
        await store.EvictByTagAsync("story:1", CancellationToken.None);
        // ...and the old render must not be kept: the next reader would get it until the next change.
        await Set(store, "/story", Page(1), Hour, "story:1");
        Assert.Equal(0, FilesOnDisk());

        requests.HttpContext = new DefaultHttpContext();
        Assert.Null(await Get(store, "/story"));
        await Set(store, "/story", Page(2), Hour, "story:1");
        Assert.Equal(Page(2), await Get(store, "/story"));
    }

    [Fact]
    public async Task PagesHeldInMemory_AreCountedOnce_AndRemovedPagesDoNotPileUpInTheList()
    {
        var store = Store(memory: 1024 * 1024);
        for (var round = 0; round < 500; round++)
        {
            await Set(store, $"/story-{round % 7}", Page((byte)round), Hour, $"story:{round % 7}");
            await store.EvictByTagAsync($"story:{(round + 3) % 7}", CancellationToken.None);
        }

        var (held, entries) = store.InMemory;
        Assert.Equal(store.Count, held);
        Assert.InRange(entries, held, 2 * held + 64);
        Assert.Equal(store.Count * 1000, store.StoredBytes);
    }

    [Fact]
    public async Task APageLargerThanTheBound_IsNotStored()
    {
        var store = Store(capacity: 500);
        await Set(store, "/big", Page(1, 600), Hour);
        Assert.Null(await Get(store, "/big"));
        Assert.Equal(0, FilesOnDisk());
    }

    [Fact]
    public async Task AStart_RemovesTheFolderOfAStoppedProcess_AndLeavesARunningOnesAlone()
    {
        var running = Store();
        await Set(running, "/a", Page(1), Hour);
        var stopped = Directory.CreateDirectory(Path.Combine(parent, "12345-dead"));
        File.WriteAllBytes(Path.Combine(stopped.FullName, "1"), Page(9));
        File.WriteAllBytes(stopped.FullName + ".owner", []);
        var leftover = Directory.CreateDirectory(Path.Combine(parent, "678-no-owner"));

        Store();

        Assert.False(Directory.Exists(stopped.FullName));
        Assert.False(File.Exists(stopped.FullName + ".owner"));
        Assert.False(Directory.Exists(leftover.FullName));
        Assert.Equal(Page(1), await Get(running, "/a"));
    }

    [Fact]
    public async Task Stopping_RemovesTheStoresFolder()
    {
        var store = Store();
        await Set(store, "/a", Page(1), Hour);
        store.Dispose();
        store.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public async Task ManyReadersAndWriters_AtOnce_GetWholePagesOrMisses()
    {
        var store = Store(capacity: 40_000, memory: 8_000);
        var keys = Enumerable.Range(0, 50).Select(i => $"/p{i}").ToArray();
        await Parallel.ForAsync(0, 4_000, async (i, _) =>
        {
            var key = keys[i % keys.Length];
            var fill = (byte)(i % 200 + 1);
            switch (i % 5)
            {
                case 0:
                    await Set(store, key, Page(fill, 1000 + i % 7), Hour, "content", $"k:{i % 3}");
                    break;
                case 1 when i % 50 == 1:
                    await store.EvictByTagAsync($"k:{i % 3}", CancellationToken.None);
                    break;
                default:
                    if (await Get(store, key) is { } page)
                    {
                        Assert.InRange(page.Length, 1000, 1006);
                        Assert.All(page, b => Assert.Equal(page[0], b));
                    }
                    break;
            }
        });

        Assert.True(store.StoredBytes <= 40_000);
        Assert.Equal(store.Count, FilesOnDisk());
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }
        Directory.Delete(parent, recursive: true);
    }
}
