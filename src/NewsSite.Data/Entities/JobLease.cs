namespace NewsSite.Data.Entities;

/// <summary>
/// Who runs a background job now, and until when: a node takes the row when it is free or its lease has run out,
/// renews it while it works, and gives it back when done. A node that dies simply stops renewing.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    /// <summary>The current holder (node and lease), or null when given back.</summary>
    public string? Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
