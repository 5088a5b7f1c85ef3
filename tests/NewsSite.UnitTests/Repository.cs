namespace NewsSite.UnitTests;

/// <summary>The repository the tests run from, for tests that read its files (README, settings, sources).</summary>
internal static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsSite.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("NewsSite.sln not found above " + AppContext.BaseDirectory);
    }
}
