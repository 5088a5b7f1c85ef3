namespace NewsSite.TestSupport;

/// <summary>
/// One node of several, as behind a load balancer: its own process and data folder, the newsroom's first
/// administrator, the given settings (a shared folder, say), and, given another node's connection string
/// (<see cref="NewsSiteFactory.ConnectionString"/>), that database.
/// </summary>
public sealed class NodeFactory(IReadOnlyDictionary<string, string?> settings, string? sharedDatabase = null, bool emptyDatabase = false) : NewsSiteFactory
{
    /// <summary>With <c>emptyDatabase</c>, a first node that finds no schema at all (on PostgreSQL too) and migrates it.</summary>
    protected override bool StartsOnEmptyDatabase => emptyDatabase;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var all = new Dictionary<string, string?>(settings)
            {
                ["Admin:Email"] = NewsroomFactory.AdminEmail,
                ["Admin:Password"] = NewsroomFactory.AdminPassword,
            };
            if (sharedDatabase is not null)
            {
                all["ConnectionStrings:News"] = sharedDatabase;
            }
            return all;
        }
    }
}
