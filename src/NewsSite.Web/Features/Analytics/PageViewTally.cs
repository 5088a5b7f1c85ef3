using System.Collections.Concurrent;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Analytics;

/// <summary>One row of a batch: the views a node counted for one page, source and hour since its last flush.</summary>
public readonly record struct PageViewBatchRow(DateTime Hour, string Path, ReferrerClass Source, int? ArticleId, long Views);

/// <summary>
/// This node's page views since its last flush, in memory: one counter per hour, page and source, bumped with an
/// interlocked add, so counting a view takes no lock and no I/O. <see cref="PageViewFlusher"/> takes the counts out.
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
        counters.GetOrAdd((hour, path, source), static _ => new Counter()).Add(articleId);
    }

    /// <summary>Takes every count held (leaving zeros), and drops counters of hours that are over.</summary>
    public List<PageViewBatchRow> Take()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = new List<PageViewBatchRow>();
        foreach (var (key, counter) in counters)
        {
            var views = counter.Take();
            if (views > 0)
            {
                batch.Add(new PageViewBatchRow(key.Hour, key.Path, key.Source, counter.ArticleId, views));
            }
            // A counter is only bumped right after it is looked up for the current hour, so one for an hour that
            // ended more than an hour ago can no longer gain a view between the take above and its removal.
            else if (key.Hour < now.AddHours(-2))
            {
                counters.TryRemove(new KeyValuePair<(DateTime, string, ReferrerClass), Counter>(key, counter));
            }
        }
        return batch;
    }

    /// <summary>Gives back counts a flush could not write, so the next flush writes them.</summary>
    public void PutBack(IEnumerable<PageViewBatchRow> rows)
    {
        foreach (var row in rows)
        {
            counters.GetOrAdd((row.Hour, row.Path, row.Source), static _ => new Counter()).Add(row.ArticleId, row.Views);
        }
    }

    private sealed class Counter
    {
        private long views;

        // Written once, read by the flusher: an int? is not atomic, so it is kept as a plain int, 0 for none.
        private int articleId;

        public int? ArticleId => Volatile.Read(ref articleId) is var id and > 0 ? id : null;

        public void Add(int? id, long count = 1)
        {
            if (id is > 0 && Volatile.Read(ref articleId) == 0)
            {
                Volatile.Write(ref articleId, id.Value);
            }
            Interlocked.Add(ref views, count);
        }

        public long Take() => Interlocked.Exchange(ref views, 0);
    }
}
