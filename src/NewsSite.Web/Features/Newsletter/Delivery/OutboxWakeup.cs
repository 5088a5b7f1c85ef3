using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>Notifies the sender after a save that queued mail has committed.</summary>
public sealed class OutboxWakeup(OutboxSignal signal) : AfterCommitInterceptor<object>
{
    private static readonly object MailQueued = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Fire(eventData.Context);
        return result;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            Keep(context, MailQueued);
        }
    }

    private void Fire(DbContext? context)
    {
        if (TryTake(context, out _))
        {
            signal.Notify();
        }
    }
}
