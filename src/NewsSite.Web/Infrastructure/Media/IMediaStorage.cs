using Microsoft.Extensions.FileProviders;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Where uploaded media files live, so that every node of the site sees the same files: a folder on this machine, a
/// folder shared by several, or (later) an object store. Storage paths are relative, with forward slashes
/// ("2026/11/abc.jpg"), and never name anything outside the store.
/// </summary>
public interface IMediaStorage
{
    /// <summary>
    /// Writes a new file whole or not at all: readers (on any node) see either no file under that path or the complete
    /// one, never part of it. A path that already holds a file is refused, since names are never reused.
    /// </summary>
    Task WriteAsync(string storagePath, Stream content, CancellationToken cancellationToken);

    /// <summary>Removes the file if it is there; a path that is not (or points outside the store) is ignored.</summary>
    Task DeleteAsync(string storagePath, CancellationToken cancellationToken);

    /// <summary>The stored files for static-file serving under <see cref="MediaUrls.RequestPath"/>.</summary>
    IFileProvider Files { get; }
}
