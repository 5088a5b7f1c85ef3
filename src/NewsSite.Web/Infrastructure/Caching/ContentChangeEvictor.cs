using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Evicts the cached public pages a save affects (EvictionMap says which), and the memos, after the save commits.
/// Doing it here, in the one place every write passes through, means no editor action can forget to; doing it after
/// the commit means a request cannot re-cache the old content between eviction and commit. A private change (a
/// draft, an upload, a revision) evicts nothing. (ExecuteUpdate/ExecuteDelete bypass it: evict by hand there.)
/// </summary>
public sealed class ContentChangeEvictor(IContentChangeSignal signal) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Eviction> pending = [];

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

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A pooled context outlives its request: what a cancelled save noted must not be evicted by the next one's.
    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
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
            pending.AddOrUpdate(context, eviction);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    private async ValueTask EvictIfNoted(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not null && pending.TryGetValue(context, out var eviction))
        {
            pending.Remove(context);
            await signal.ContentChangedAsync(eviction.PageTags, cancellationToken);
        }
    }
}
