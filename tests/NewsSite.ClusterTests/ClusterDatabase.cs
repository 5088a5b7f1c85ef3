namespace NewsSite.ClusterTests;

/// <summary>The database the nodes share.</summary>
public sealed record ClusterDatabase(IReadOnlyDictionary<string, string> Settings)
{
    public static Task<ClusterDatabase> CreateAsync(string root)
    {
        Directory.CreateDirectory(root);
        return Task.FromResult(new ClusterDatabase(new Dictionary<string, string>
        {
            ["ConnectionStrings__News"] = $"Data Source={Path.Combine(root, "news.db")}",
        }));
    }

    public static Task DropAsync(string root) => Task.CompletedTask;
}
