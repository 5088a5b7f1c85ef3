using System.Collections.Concurrent;

namespace NewsSite.Web.Infrastructure.Security;

/// <summary>
/// Counts recent attempts under a key (a client, an address) for throttles. A seam, because where the counts live
/// depends on the deployment: in this process on one node, in a shared store when several nodes serve the site.
/// </summary>
public interface IAttemptCounter
{
    /// <summary>Adds an attempt now and returns how many fall within <paramref name="window"/>, this one included.</summary>
    ValueTask<int> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>How many attempts fall within <paramref name="window"/>, and when the latest was.</summary>
    ValueTask<RecentAttempts> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    ValueTask ResetAsync(string key, CancellationToken cancellationToken);
}

public readonly record struct RecentAttempts(int Count, DateTime? Latest);

/// <summary>The counts in this process's memory: right for a single node.</summary>
public sealed class MemoryAttemptCounter(TimeProvider clock) : IAttemptCounter
{
    // Enough to tell "a few" from "too many"; an attacker cannot grow one key's list without bound.
    private const int MaxPerKey = 1_000;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTime>> attempts = new(StringComparer.Ordinal);
    private long longestWindowTicks;
    private DateTime nextSweep;

    public ValueTask<int> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Keys whose attempts have all left the longest window in use go, once a minute: memory follows live traffic.
        InterlockedMax(ref longestWindowTicks, window.Ticks);
        if (now >= nextSweep)
        {
            nextSweep = now + SweepEvery;
            Sweep(now - TimeSpan.FromTicks(Interlocked.Read(ref longestWindowTicks)));
        }
        var times = attempts.GetOrAdd(key, _ => new Queue<DateTime>());
        lock (times)
        {
            Prune(times, now - window);
            times.Enqueue(now);
            if (times.Count > MaxPerKey)
            {
                times.Dequeue();
            }
            return ValueTask.FromResult(times.Count);
        }
    }

    public ValueTask<RecentAttempts> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        if (!attempts.TryGetValue(key, out var times))
        {
            return ValueTask.FromResult(new RecentAttempts(0, null));
        }
        lock (times)
        {
            Prune(times, clock.GetUtcNow().UtcDateTime - window);
            return ValueTask.FromResult(new RecentAttempts(times.Count, times.Count == 0 ? null : times.Last()));
        }
    }

    public ValueTask ResetAsync(string key, CancellationToken cancellationToken)
    {
        attempts.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private static void Prune(Queue<DateTime> times, DateTime since)
    {
        while (times.Count > 0 && times.Peek() < since)
        {
            times.Dequeue();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private void Sweep(DateTime since)
    {
        foreach (var (key, times) in attempts)
        {
            lock (times)
            {
                Prune(times, since);
                if (times.Count == 0)
                {
                    attempts.TryRemove(key, out _);
                }
            }
        }
    }
}
