using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;

namespace NewsSite.Web.Features.Analytics;

/// <summary>
/// Writes this node's counts to PageViewCounts every Analytics:FlushSeconds and when the node stops. It runs on every
/// node, not under a lease: each node holds only its own counts in memory. The upsert adds to the stored figure, so
/// any number of nodes flushing the same hour and page add up.
/// </summary>
public sealed class PageViewFlusher(PageViewTally tally, IServiceScopeFactory scopes, TimeProvider clock, IOptions<AnalyticsOptions> options, ILogger<PageViewFlusher> logger) : BackgroundService
{
    // Five parameters a row: well below SQLite's and PostgreSQL's limits on parameters in one statement.
    private const int RowsPerStatement = 200;

    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushQuietlyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was counted since the last tick: written now, within the host's shutdown time.
        await FlushQuietlyAsync(cancellationToken);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Writing page-view counts failed; they are kept in memory for the next flush");
        }
    }

    /// <summary>Writes every count held now; returns how many rows it added to. On failure the counts stay for the next try.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var batch = tally.Take();
            if (batch.Count == 0)
            {
                return 0;
            }
            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch
            {
                tally.PutBack(batch);
                throw;
            }
            logger.LogDebug("Wrote {Rows} page-view counts", batch.Count);
            return batch.Count;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task WriteAsync(List<PageViewBatchRow> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        // One transaction for the whole batch: on failure nothing is written and the batch goes back to memory, so a
        // count is never written twice nor lost.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in batch.Chunk(RowsPerStatement))
        {
            var (sql, parameters) = Upsert(db.Database.GetDbConnection(), chunk);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The one statement SQLite and PostgreSQL both take as written (quoted names, ON CONFLICT on the unique index,
    /// <c>excluded</c>), so it needs no provider seam; the raw SQL is here because EF has no upsert that adds.
    /// </summary>
    private static (string Sql, DbParameter[] Parameters) Upsert(DbConnection connection, PageViewBatchRow[] rows)
    {
        var sql = new StringBuilder("INSERT INTO \"PageViewCounts\" (\"Hour\", \"Path\", \"ArticleId\", \"Source\", \"Views\") VALUES ");
        var parameters = new List<DbParameter>(rows.Length * 5);
        using var command = connection.CreateCommand();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append($"(@h{i}, @p{i}, @a{i}, @s{i}, @v{i})");
            parameters.Add(Parameter(command, $"@h{i}", row.Hour));
            parameters.Add(Parameter(command, $"@p{i}", row.Path));
            var article = Parameter(command, $"@a{i}", row.ArticleId is { } id ? id : DBNull.Value);
            // Typed, so PostgreSQL knows what a null is; the others are typed by their values (a UTC DateTime is a timestamptz).
            article.DbType = System.Data.DbType.Int32;
            parameters.Add(article);
            parameters.Add(Parameter(command, $"@s{i}", (int)row.Source));
            parameters.Add(Parameter(command, $"@v{i}", row.Views));
        }
        sql.Append(" ON CONFLICT (\"Hour\", \"Path\", \"Source\") DO UPDATE SET \"Views\" = \"PageViewCounts\".\"Views\" + excluded.\"Views\", ")
            .Append("\"ArticleId\" = COALESCE(\"PageViewCounts\".\"ArticleId\", excluded.\"ArticleId\")");
        return (sql.ToString(), [.. parameters]);
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
