using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace NewsSite.Web.Features.PaperExport;

/// <summary>
/// Where an export's files go, one after another: a folder (the command line) or a zip archive (the admin download).
/// Every file is hashed as it is written, so the manifest written last names each file's size and SHA-256.
/// </summary>
public sealed class ExportWriter : IAsyncDisposable
{
    private readonly string? folder;
    private readonly ZipArchive? zip;
    private readonly AsyncOnlyStream? output;
    private readonly List<ManifestFile> files = [];

    private ExportWriter(string? folder, ZipArchive? zip, AsyncOnlyStream? output)
    {
        this.folder = folder;
        this.zip = zip;
        this.output = output;
    }

    /// <summary>Writes into <paramref name="path"/>, which must not exist or be an empty folder (an export never mixes with another).</summary>
    public static ExportWriter ToFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new ExportException($"The folder {full} is not empty: export into a new or empty folder.");
        }
        Directory.CreateDirectory(full);
        return new ExportWriter(full, null, null);
    }

    /// <summary>Streams a zip archive into <paramref name="output"/> (a response body: nothing is written synchronously).</summary>
    public static async Task<ExportWriter> ToZipAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffered = new AsyncOnlyStream(output);
        return new(null, await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken), buffered);
    }

    public IReadOnlyList<ManifestFile> Files => files;

    /// <summary>Opens one file of the export for writing; dispose it before opening the next.</summary>
    public async Task<Stream> CreateAsync(string relativePath, CancellationToken cancellationToken)
    {
        Stream inner;
        if (zip is not null)
        {
            inner = await zip.CreateEntry(relativePath, CompressionLevel.Fastest).OpenAsync(cancellationToken);
        }
        else
        {
            var full = Path.Combine(folder!, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            inner = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        }
        return new HashingStream(inner, (bytes, hash) => files.Add(new ManifestFile(relativePath, bytes, hash)), output);
    }

    /// <summary>A JSON Lines file, written as its rows arrive (rows are never held all at once).</summary>
    public async Task WriteLinesAsync<T>(string relativePath, IAsyncEnumerable<T> lines, Action<long> counted, CancellationToken cancellationToken)
    {
        long count = 0;
        await using (var stream = await CreateAsync(relativePath, cancellationToken))
        {
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                await JsonSerializer.SerializeAsync(stream, line, ExportFormat.Json, cancellationToken);
                await stream.WriteAsync(NewLine, cancellationToken);
                count++;
            }
        }
        counted(count);
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>The manifest, not hashed itself (it holds the hashes), always the last file.</summary>
    public async Task WriteManifestAsync(ExportManifest manifest, CancellationToken cancellationToken)
    {
        Stream stream = zip is not null
            ? await zip.CreateEntry(ExportFormat.Manifest, CompressionLevel.Fastest).OpenAsync(cancellationToken)
            : new FileStream(Path.Combine(folder!, ExportFormat.Manifest), FileMode.CreateNew, FileAccess.Write);
        await using (stream)
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ManifestJson, cancellationToken);
        }
        if (output is not null)
        {
            await output.FlushAsync(cancellationToken);
        }
    }

    public static readonly JsonSerializerOptions ManifestJson = new(ExportFormat.Json) { WriteIndented = true };

    public async ValueTask DisposeAsync()
    {
        if (zip is not null)
        {
            await zip.DisposeAsync();
            await output!.FlushAsync();
        }
    }

    /// <summary>Passes writes through while counting and hashing them; reports both when disposed.</summary>
    private sealed class HashingStream(Stream inner, Action<long, string> done, AsyncOnlyStream? output) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            written += buffer.Length;
            inner.Write(buffer);
        }

        public override void WriteByte(byte value) => Write([value]);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            written += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Finish();
                inner.Dispose();
                hash.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            Finish();
            await inner.DisposeAsync();
            hash.Dispose();
            if (output is not null)
            {
                await output.FlushAsync();
            }
            GC.SuppressFinalize(this);
        }

        private bool finished;

        private void Finish()
        {
            if (!finished)
            {
                finished = true;
                done(written, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
        }
    }
}

/// <summary>
/// Zip writes a few bytes synchronously when an entry is closed (its last compressed block and sizes); a response
/// body refuses synchronous writes. Those are held here until the next asynchronous write or flush, which happens as
/// each entry is closed, so only an entry's tail is ever held.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => pending.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => pending.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A synchronous flush has nowhere to go: the next asynchronous one sends what is held.
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
            pending.SetLength(0);
        }
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>An export or import that cannot go ahead, with a message for the operator.</summary>
public sealed class ExportException(string message) : Exception(message);
