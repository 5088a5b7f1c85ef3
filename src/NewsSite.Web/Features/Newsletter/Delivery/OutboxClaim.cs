using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>
/// A batch of due messages leased to one sender, on whichever node it runs. The lease is taken by one UPDATE that
/// writes this claim's token and re-checks "still due" in its own WHERE: of two senders racing for a row only one
/// writes its token (see each engine's <see cref="IDatabaseProvider.LeaseDueOutboxAsync"/>). (Reading due rows and leasing them in
/// a second statement let three nodes on one database send 19 of 45 confirmations twice.) Results are recorded only
/// where the token still matches, and the lease is renewed while a long batch (a paced newsletter) is under way, so
/// no other sender takes the rest of the batch from a sender that is still working through it.
/// </summary>
public sealed class OutboxClaim
{
    private readonly TimeProvider clock;

    // A claimed message that is neither sent nor failed after this long (its sender died) is due again
    // (Outbox:ClaimLeaseSeconds). Renewed when half of it is gone.
    private readonly TimeSpan lease;
    private readonly SemaphoreSlim renewing = new(1, 1);
    private long leaseUntilTicks;
    private HashSet<long> held;

    private OutboxClaim(Guid token, List<OutboxMessage> messages, DateTime leaseUntil, TimeSpan lease, TimeProvider clock)
    {
        Token = token;
        this.lease = lease;
        Messages = messages;
        this.clock = clock;
        leaseUntilTicks = leaseUntil.Ticks;
        held = messages.Select(m => m.Id).ToHashSet();
    }

    public Guid Token { get; }

    /// <summary>The claimed messages, transactional mail (someone is waiting for it) before a newsletter's thousands.</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; }

    /// <summary>Leases up to <paramref name="batchSize"/> due messages to a new claim; null when nothing is due.</summary>
    public static async Task<OutboxClaim?> TakeAsync(NewsDbContext db, IDatabaseProvider database, int batchSize, TimeSpan lease, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var leaseUntil = now + lease;
        // The one statement that leases is the engine's own (how two senders are kept apart differs).
        var claimed = await database.LeaseDueOutboxAsync(db, token, batchSize, now, leaseUntil, cancellationToken);
        if (claimed == 0)
        {
            return null;
        }
        var messages = await db.Outbox.AsNoTracking()
            .Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.IsBulk).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return new OutboxClaim(token, messages, leaseUntil, lease, clock);
    }

    /// <summary>
    /// Whether this claim still holds the message, to be asked just before sending it. Once half the lease is gone the
    /// lease of the whole unfinished batch is renewed first; a sender that stalled past its lease keeps only the rows
    /// nobody else took meanwhile.
    /// </summary>
    public async Task<bool> HoldsAsync(NewsDbContext db, long messageId, CancellationToken cancellationToken)
    {
        if (RenewalDue())
        {
            // The connections of a batch share the claim: one renews, the others wait and then see the new lease.
            await renewing.WaitAsync(cancellationToken);
            try
            {
                if (RenewalDue())
                {
                    await RenewAsync(db, cancellationToken);
                }
            }
            finally
            {
                renewing.Release();
            }
        }
        return Volatile.Read(ref held).Contains(messageId);
    }

    private bool RenewalDue() => clock.GetUtcNow().UtcDateTime >= new DateTime(Interlocked.Read(ref leaseUntilTicks), DateTimeKind.Utc) - lease / 2;

    private async Task RenewAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var leaseUntil = clock.GetUtcNow().UtcDateTime + lease;
        var token = Token;
        await db.Outbox.Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseUntil), cancellationToken);
        // Read after the renewal: what still carries the token now stays ours for a whole lease.
        var stillHeld = await db.Outbox.AsNoTracking()
            .Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Pending)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        Volatile.Write(ref held, stillHeld.ToHashSet());
        Interlocked.Exchange(ref leaseUntilTicks, leaseUntil.Ticks);
    }
}
