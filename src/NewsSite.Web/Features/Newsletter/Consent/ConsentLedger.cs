using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.Web.Features.Newsletter.Consent;

public sealed record ConsentRecord(DateTime At, ConsentEventKind Kind, string? Wording, string? Source, string? Detail, string? ActorName);

/// <summary>
/// The append-only record of what each reader agreed to, and when. Events are added to the caller's unit of work and
/// saved with the change they describe; nothing here updates or deletes a row except <see cref="EraseAsync"/>, which
/// strips a reader's events to their tombstone.
/// </summary>
public sealed class ConsentLedger(NewsDbContext db, SiteKeys keys, TimeProvider clock)
{
    private const int MaxWording = 1000;
    private const int MaxSource = 500;
    private const int MaxDetail = 1000;
    private const int MaxActor = 256;

    /// <summary>
    /// Makes sure the site's hash key exists. The key is created through a connection of its own, so call this before
    /// opening a transaction that will append events (on SQLite that connection would wait for the transaction's lock).
    /// </summary>
    public Task ReadyAsync(CancellationToken cancellationToken) => keys.KeyAsync(cancellationToken);

    public Task<string> HashAsync(string address, CancellationToken cancellationToken) => keys.HashAddressAsync(address, cancellationToken);

    /// <summary>Adds an event for a saved subscriber (the caller saves it, with the change it records).</summary>
    public async Task AppendAsync(Subscriber subscriber, ConsentEventKind kind, CancellationToken cancellationToken,
        string? wording = null, string? source = null, string? detail = null, string? actorName = null)
    {
        if (subscriber.Id == 0)
        {
            throw new InvalidOperationException("Save the subscriber before recording its consent: the event names it by id.");
        }
        db.ConsentEvents.Add(new ConsentEvent
        {
            SubscriberId = subscriber.Id,
            AddressHash = await keys.HashAddressAsync(subscriber.Email, cancellationToken),
            Kind = kind,
            At = clock.GetUtcNow().UtcDateTime,
            Wording = Cut(wording, MaxWording),
            Source = Cut(source, MaxSource),
            Detail = Cut(detail, MaxDetail),
            ActorName = Cut(actorName, MaxActor),
        });
    }

    public async Task<IReadOnlyList<ConsentRecord>> ForSubscriberAsync(int subscriberId, CancellationToken cancellationToken) =>
        await db.ConsentEvents.AsNoTracking().Where(e => e.SubscriberId == subscriberId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ConsentRecord(e.At, e.Kind, e.Wording, e.Source, e.Detail, e.ActorName))
            .ToListAsync(cancellationToken);

    /// <summary>Every subscriber's events among <paramref name="subscriberIds"/>, for an export.</summary>
    public async Task<ILookup<int, ConsentRecord>> ForSubscribersAsync(IReadOnlyCollection<int> subscriberIds, CancellationToken cancellationToken) =>
        (await db.ConsentEvents.AsNoTracking().Where(e => e.SubscriberId != null && subscriberIds.Contains(e.SubscriberId.Value))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { Id = e.SubscriberId!.Value, Record = new ConsentRecord(e.At, e.Kind, e.Wording, e.Source, e.Detail, e.ActorName) })
            .ToListAsync(cancellationToken))
        .ToLookup(e => e.Id, e => e.Record);

    /// <summary>Whether this address was erased on request: an import must not bring it back.</summary>
    public async Task<bool> WasErasedAsync(string address, CancellationToken cancellationToken)
    {
        var hash = await keys.HashAddressAsync(address, cancellationToken);
        return await db.ConsentEvents.AnyAsync(e => e.AddressHash == hash && e.Kind == ConsentEventKind.Erased, cancellationToken);
    }

    /// <summary>The hashes among <paramref name="addresses"/> that belong to erased readers, with their addresses.</summary>
    public async Task<HashSet<string>> ErasedAmongAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>();
        foreach (var address in addresses)
        {
            hashes[await keys.HashAddressAsync(address, cancellationToken)] = address;
        }
        var keysList = hashes.Keys.ToList();
        var erased = await db.ConsentEvents.AsNoTracking().Where(e => e.Kind == ConsentEventKind.Erased && keysList.Contains(e.AddressHash))
            .Select(e => e.AddressHash).Distinct().ToListAsync(cancellationToken);
        return erased.Select(h => hashes[h]).ToHashSet();
    }

    /// <summary>
    /// Turns a reader's events into a tombstone: no subscriber, no words, no page, no names; the keyed hash, kinds and
    /// dates stay, with an Erased event, so a later import recognises the address without keeping it. Saved by the caller.
    /// </summary>
    public async Task EraseAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var hash = await keys.HashAddressAsync(subscriber.Email, cancellationToken);
        foreach (var entry in await db.ConsentEvents.Where(e => e.SubscriberId == subscriber.Id).ToListAsync(cancellationToken))
        {
            entry.SubscriberId = null;
            entry.Wording = null;
            entry.Source = null;
            entry.Detail = null;
            entry.ActorName = null;
        }
        db.ConsentEvents.Add(new ConsentEvent { AddressHash = hash, Kind = ConsentEventKind.Erased, At = clock.GetUtcNow().UtcDateTime });
    }

    private static string? Cut(string? value, int max) => value is { Length: > 0 } v ? (v.Length > max ? v[..max] : v) : null;
}
