using NewsSite.TestSupport;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Moving;

/// <summary>
/// The real exports in ../shared/data beside the clone (read in place, never written). Where they are absent the
/// test skips with the reason, unless NEWSSITE_REQUIRE_SERVERS=1, which makes it a failure.
/// </summary>
public static class SharedData
{
    public static string WordPressExport => Find(Path.Combine("wordpress", "themeunittestdata.wordpress.xml"));
    public static string GhostExport => Find(Path.Combine("ghost", "ghost-5.99-export.json"));
    public static string GhostMembers => Find(Path.Combine("ghost", "ghost-5.99-members.csv"));

    /// <summary>The path of a file in ../shared/data, or null when the repository's root or the file cannot be found.</summary>
    public static string? Locate(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NewsSite.sln")))
            {
                var file = Path.Combine(folder.Parent?.FullName ?? folder.FullName, "shared", "data", relative);
                return File.Exists(file) ? file : null;
            }
        }
        return null;
    }

    private static string Find(string relative)
    {
        if (Locate(relative) is { } file)
        {
            return file;
        }
        TestServers.Unavailable($"The test data ../shared/data/{relative.Replace('\\', '/')} is not beside the clone.");
        return "";
    }

    /// <summary>A real small JPEG at <paramref name="path"/>, made with SkiaSharp.</summary>
    public static void WriteJpeg(string path, int width = 96, int height = 64)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        File.WriteAllBytes(path, data.ToArray());
    }
}
