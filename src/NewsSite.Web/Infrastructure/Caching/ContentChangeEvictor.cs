using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Evicts the cached public pages a save affects (EvictionMap says which), and the memos, after the save commits.
/// Doing it here, in the one place every write passes through, means no editor action can forget to; doing it after
/// the commit means a request cannot re-cache the old content between eviction and commit. A private change (a
/// draft, an upload, a revision) evicts nothing. (ExecuteUpdate/ExecuteDelete bypass it: evict by hand there.)
/// </summary>
public sealed class ContentChangeEvictor(IContentChangeSignal signal) : AfterCommitInterceptor<Eviction>
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // A synchronous save queries synchronously: the task is complete when it returns.
        NoteAsync(eventData.Context, query => Task.FromResult(query.ToList())).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await NoteAsync(eventData.Context, query => query.ToListAsync(cancellationToken));
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictIfNoted(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictIfNoted(eventData.Context, cancellationToken);
        return result;
    }

    private async Task NoteAsync(DbContext? context, Func<IQueryable<int>, Task<List<int>>> run)
    {
        if (context is null)
        {
            return;
        }
        var eviction = await Eviction.OfPendingSaveAsync(context, run);
        if (!eviction.IsEmpty)
        {
            Keep(context, eviction);
        }
    }

    private async ValueTask EvictIfNoted(DbContext? context, CancellationToken cancellationToken)
    {
        if (TryTake(context, out var eviction))
        {
            await signal.ContentChangedAsync(eviction.PageTags, cancellationToken);
        }
    }
}
