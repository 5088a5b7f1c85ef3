using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure;

/// <summary>Resolves the data folder and paths inside it against the content root, so the site runs the same from any working directory.</summary>
public sealed class DataPaths(IWebHostEnvironment environment, IOptions<StorageOptions> storage)
{
    public string DataDirectory => Resolve(storage.Value.DataDirectory);

    /// <summary>Storage:MediaDirectory, else <c>media</c> in the data folder.</summary>
    public string MediaDirectory => string.IsNullOrWhiteSpace(storage.Value.MediaDirectory)
        ? Path.Combine(DataDirectory, "media")
        : Resolve(storage.Value.MediaDirectory);

    public string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));
}
