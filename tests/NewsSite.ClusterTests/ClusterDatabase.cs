using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>The PostgreSQL database the nodes share: empty at first, so the cluster's own `migrate` run builds it.</summary>
public sealed class ClusterDatabase
{
    private ClusterDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__News"] = ConnectionString,
    };

    public static ClusterDatabase Create() => new(TestDatabase.CreatePostgresDatabase(empty: true));

    public void Drop() => TestDatabase.DropPostgresDatabase(ConnectionString);
}
