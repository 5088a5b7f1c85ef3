using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.UnitTests.Media;

public sealed class LocalMediaStorageTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "newssite-tests", $"media-{Guid.NewGuid():n}");
    private readonly LocalMediaStorage storage;

    public LocalMediaStorageTests() => storage = new LocalMediaStorage(root);

    [Fact]
    public async Task Write_ThatFailsPartWay_LeavesNoFileUnderItsName_AndNothingElseBehind()
    {
        var failing = new ScriptedStream(new byte[50_000], failAfter: 20_000);

        await Assert.ThrowsAsync<IOException>(() => storage.WriteAsync("2026/11/half.jpg", failing, CancellationToken.None));

        Assert.False(File.Exists(Path.Combine(root, "2026/11/half.jpg")));
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FileBeingWritten_IsNotServed_UntilItIsWhole()
    {
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var slow = new ScriptedStream(content, pauseAfter: 100_000);

        var writing = storage.WriteAsync("2026/11/slow.png", slow, CancellationToken.None);
        await slow.Paused.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(writing.IsCompleted);

        // Half the bytes are on disk, under a name the file provider never serves.
        Assert.NotEmpty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        Assert.False(storage.Files.GetFileInfo("2026/11/slow.png").Exists);
        Assert.Empty(storage.Files.GetDirectoryContents("2026/11"));

        slow.Resume();
        await writing;

        var served = storage.Files.GetFileInfo("2026/11/slow.png");
        Assert.True(served.Exists);
        await using var read = served.CreateReadStream();
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Single(storage.Files.GetDirectoryContents("2026/11"));
    }

    [Fact]
    public async Task Write_OverAnExistingFile_IsRefused_AndKeepsTheFirst()
    {
        await storage.WriteAsync("a.jpg", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => storage.WriteAsync("a.jpg", new MemoryStream([9]), CancellationToken.None));

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(root, "a.jpg")));
        Assert.Single(Directory.EnumerateFiles(root));
    }

    [Theory]
    [InlineData("../outside.jpg")]
    [InlineData("2026/../../outside.jpg")]
    [InlineData("/tmp/outside.jpg")]
    [InlineData("")]
    public async Task Write_OutsideTheMediaFolder_IsRefused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(path, new MemoryStream([1]), CancellationToken.None));

        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(root)!, "outside.jpg")));
    }

    [Fact]
    public async Task Delete_OutsideTheMediaFolder_LeavesThatFileAlone()
    {
        var neighbour = $"{root}-keys";
        Directory.CreateDirectory(neighbour);
        var secret = Path.Combine(neighbour, "key.xml");
        await File.WriteAllTextAsync(secret, "<key/>");
        try
        {
            await storage.DeleteAsync($"../{Path.GetFileName(neighbour)}/key.xml", CancellationToken.None);
            await storage.DeleteAsync(secret, CancellationToken.None);

            Assert.True(File.Exists(secret));
        }
        finally
        {
            Directory.Delete(neighbour, recursive: true);
        }
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndIgnoresOneThatIsGone()
    {
        await storage.WriteAsync("2026/11/gone.webp", new MemoryStream([1, 2]), CancellationToken.None);

        await storage.DeleteAsync("2026/11/gone.webp", CancellationToken.None);
        await storage.DeleteAsync("2026/11/gone.webp", CancellationToken.None);

        Assert.False(storage.Files.GetFileInfo("2026/11/gone.webp").Exists);
    }

    public void Dispose()
    {
        storage.Dispose();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Reads from <c>content</c>; throws after <c>failAfter</c> bytes, or waits after <c>pauseAfter</c> until resumed.</summary>
    private sealed class ScriptedStream(byte[] content, int failAfter = int.MaxValue, int pauseAfter = int.MaxValue) : Stream
    {
        private readonly TaskCompletionSource paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        public Task Paused => paused.Task;

        public void Resume() => resumed.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= failAfter)
            {
                throw new IOException("The upload connection was reset.");
            }
            if (position == pauseAfter)
            {
                paused.TrySetResult();
                await resumed.Task.WaitAsync(cancellationToken);
            }
            var limit = Math.Min(content.Length, failAfter);
            if (pauseAfter > position)
            {
                limit = Math.Min(limit, pauseAfter);
            }
            var count = Math.Min(buffer.Length, limit - position);
            content.AsMemory(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
