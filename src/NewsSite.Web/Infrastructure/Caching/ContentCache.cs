using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// A cache of what pages read often and content changes rarely (the sections, the ad slots, each list's length, the
/// archive's months, the front page's section lists), emptied whenever content changes, so a page built from the
/// database does not query it each time. ContentChangeEvictor empties it together with the output cache
/// (docs/decisions/0002). It is always per process: with several nodes, RedisContentChangeSignal tells every node to
/// empty its own (docs/decisions/0006).
/// </summary>
public sealed class ContentCache(IMemoryCache cache)
{
    private CancellationTokenSource current = new();

    public Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load) => GetOrLoadAsync(key, load, maxAge: null);

    /// <summary>The same, for a value that also goes out of date by itself: kept at most <paramref name="maxAge"/>.</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load, TimeSpan? maxAge)
    {
        if (cache.TryGetValue(key, out T? value))
        {
            return value!;
        }
        // The token is taken before reading: a change committed after it cancels this entry at once, and one
        // committed before it is already in what is read. Either way nothing stale outlives a change.
        var token = new CancellationChangeToken(current.Token);
        value = await load();
        var entry = new MemoryCacheEntryOptions().AddExpirationToken(token);
        if (maxAge is { } age)
        {
            entry.AbsoluteExpirationRelativeToNow = age;
        }
        cache.Set(key, value, entry);
        return value;
    }

    /// <summary>The same, for a caller that cannot await (a value Razor needs synchronously).</summary>
    public T GetOrLoad<T>(string key, Func<T> load)
    {
        if (cache.TryGetValue(key, out T? value))
        {
            return value!;
        }
        var token = new CancellationChangeToken(current.Token);
        value = load();
        cache.Set(key, value, new MemoryCacheEntryOptions().AddExpirationToken(token));
        return value;
    }

    /// <summary>
    /// Changes when content next changes: for a memo kept in a store of its own (CardMemo, bounded by count). Take it
    /// before reading what is kept under it.
    /// </summary>
    public IChangeToken ChangeToken() => new CancellationChangeToken(current.Token);

    /// <summary>Drops every entry: called when content has changed.</summary>
    public void EvictAll() => Interlocked.Exchange(ref current, new CancellationTokenSource()).Cancel();
}
