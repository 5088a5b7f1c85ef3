using System.Collections.Concurrent;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Analytics;

/// <summary>One row of a batch: the views a node counted for one page, source and hour since its last flush.</summary>
public readonly record struct PageViewBatchRow(DateTime Hour, string Path, ReferrerClass Source, int? ArticleId, long Views);

/// <summary>
/// This node's page views since its last flush, in memory: one counter per hour, page and source, bumped with an
/// compare-and-swap, so counting a view takes no lock and no I/O. <see cref="PageViewFlusher"/> takes the counts out.
/// A counter that gained nothing since the last flush goes at the next: on a long-tailed archive most pages are read
/// once in a while, and their counters would otherwise fill memory for the rest of the hour.
/// </summary>
public sealed class PageViewTally(TimeProvider clock)
{
    public const int MaxPathLength = 400;

    private readonly ConcurrentDictionary<(DateTime Hour, string Path, ReferrerClass Source), Counter> counters = new();

    public void Add(string path, ReferrerClass source, int? articleId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        if (path.Length > MaxPathLength)
        {
            path = path[..MaxPathLength];
        }
        Count((hour, path, source), articleId, 1);
    }

    /// <summary>Takes every count held, and drops the counters that had nothing to take.</summary>
    public List<PageViewBatchRow> Take()
    {
        var batch = new List<PageViewBatchRow>();
        foreach (var (key, counter) in counters)
        {
            var views = counter.Take();
            if (views > 0)
            {
                batch.Add(new PageViewBatchRow(key.Hour, key.Path, key.Source, counter.ArticleId, views));
            }
            // Idle since the last flush. Retired first, so a view looked up before its removal is not added to it
            // (Count then adds it to a new counter).
            else if (counter.TryRetire())
            {
                counters.TryRemove(KeyValuePair.Create(key, counter));
            }
        }
        return batch;
    }

    /// <summary>Gives back counts a flush could not write, so the next flush writes them.</summary>
    public void PutBack(IEnumerable<PageViewBatchRow> rows)
    {
        foreach (var row in rows)
        {
            Count((row.Hour, row.Path, row.Source), row.ArticleId, row.Views);
        }
    }

    /// <summary>Counters held now: for tests.</summary>
    internal int CounterCount => counters.Count;

    private void Count((DateTime Hour, string Path, ReferrerClass Source) key, int? articleId, long views)
    {
        while (true)
        {
            var counter = counters.GetOrAdd(key, static _ => new Counter());
            if (counter.TryAdd(articleId, views))
            {
                return;
            }
            // Retired by a flush between the look-up and the add: make sure it has left the table, and count on a
            // new counter.
            counters.TryRemove(KeyValuePair.Create(key, counter));
        }
    }

    private sealed class Counter
    {
        // The views, or Retired once a flush has taken the counter out of use.
        private const long Retired = -1;
        private long views;

        // Written once, read by the flusher: an int? is not atomic, so it is kept as a plain int, 0 for none.
        private int articleId;

        public int? ArticleId => Volatile.Read(ref articleId) is var id and > 0 ? id : null;

        public bool TryAdd(int? id, long count)
        {
            if (id is > 0 && Volatile.Read(ref articleId) == 0)
            {
                Volatile.Write(ref articleId, id.Value);
            }
            var current = Volatile.Read(ref views);
            while (current != Retired)
            {
                var seen = Interlocked.CompareExchange(ref views, current + count, current);
                if (seen == current)
                {
                    return true;
                }
                current = seen;
            }
            return false;
        }

        public long Take()
        {
            var current = Volatile.Read(ref views);
            while (current > 0)
            {
                var seen = Interlocked.CompareExchange(ref views, 0, current);
                if (seen == current)
                {
                    return current;
                }
                current = seen;
            }
            return 0;
        }

        /// <summary>Takes the counter out of use if it has no views; a view added after this goes to a new counter.</summary>
        public bool TryRetire() => Interlocked.CompareExchange(ref views, Retired, 0) == 0;
    }
}
