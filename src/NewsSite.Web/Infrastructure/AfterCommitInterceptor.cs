using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// A save interceptor that notes something while a save is being made and acts on it once the save has committed
/// (<see cref="Caching.ContentChangeEvictor"/>, <see cref="Media.MediaUseRecorder"/>, the outbox's wake-up). The note is
/// kept per context; a failed or cancelled save's note is dropped, since a pooled context outlives its request and the
/// next save must not act on it.
/// </summary>
public abstract class AfterCommitInterceptor<TNote> : SaveChangesInterceptor where TNote : class
{
    private readonly ConditionalWeakTable<DbContext, TNote> notes = [];

    protected void Keep(DbContext context, TNote note) => notes.AddOrUpdate(context, note);

    /// <summary>The note this context's save kept, if any, taken so that it is acted on once.</summary>
    protected bool TryTake(DbContext? context, [NotNullWhen(true)] out TNote? note)
    {
        note = null;
        return context is not null && notes.TryGetValue(context, out note) && notes.Remove(context);
    }

    public sealed override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public sealed override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public sealed override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public sealed override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            notes.Remove(context);
        }
    }
}
