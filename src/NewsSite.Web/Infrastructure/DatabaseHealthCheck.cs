using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsSite.Data;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure;

internal sealed class DatabaseHealthCheck(NewsDbContext db, MigrationStatus migrations) : IHealthCheck
{
    // Enough names for an operator to see which step is missing; a brand-new database would otherwise list them all.
    private const int NamesShown = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (migrations.Migrating)
        {
            return HealthCheckResult.Unhealthy("migrating: this node is bringing the database up to date.");
        }
        try
        {
            // Not ready while the schema is older than the code: queries would fail on missing tables and columns.
            var pending = await migrations.PendingAsync(db, cancellationToken);
            if (pending.Count > 0)
            {
                var names = string.Join(", ", pending.Take(NamesShown)) + (pending.Count > NamesShown ? ", …" : "");
                return HealthCheckResult.Unhealthy($"migrating: the database lacks {pending.Count} migration(s) this version needs ({names}); " +
                    $"another node or `{Commands.SiteCommands.Invocation} migrate` may be applying them.");
            }
            // A real read, not just an open: a missing or corrupt table fails here. In plain SQL rather than LINQ,
            // which EF Core would translate and compile on the first probe, the one a starting node's load balancer
            // waits on (PlainSqlReads).
            await db.Database.HasRowsAsync("Sections", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", exception);
        }
    }
}
