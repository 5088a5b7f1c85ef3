using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// The shared page cache in Redis, made harmless when Redis is away: a read becomes a miss (the page is rendered), a
/// write or an eviction is skipped, and the outage is logged now and then rather than on every request. While the
/// connection is known to be down it does not even try, so readers pay nothing for the outage. An eviction that did not
/// reach Redis is reported to the caller (<see cref="TryEvictAsync"/>), which tries it again when Redis is back.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore redisStore, IConnectionMultiplexer connection, RedisOutage outage)
    : IOutputCacheBufferStore
{
    private const string Fallback = "pages are rendered and not cached";

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return null;
        }
        try
        {
            var value = await redisStore.GetAsync(key, cancellationToken);
            outage.Succeeded();
            return value;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return false;
        }
        try
        {
            var found = redisStore is IOutputCacheBufferStore buffers
                ? await buffers.TryGetAsync(key, destination, cancellationToken)
                : await CopyAsync(await redisStore.GetAsync(key, cancellationToken), destination, cancellationToken);
            outage.Succeeded();
            return found;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return false;
        }
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        TryAsync(() => redisStore.SetAsync(key, value, tags, validFor, cancellationToken));

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        TryAsync(() => redisStore is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : redisStore.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken));

    // Tag writes in the Redis store are fire-and-forget, so a page may outlive its eviction by a lost write; the
    // public-page policy's bounded lifetime (Caching:PageSeconds) is what limits that.
    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        TryAsync(() => redisStore.EvictByTagAsync(tag, cancellationToken));

    /// <summary>Evicts the pages under each tag; false if Redis was away for any of them, so they may still be there.</summary>
    public async ValueTask<bool> TryEvictAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return false;
        }
        try
        {
            foreach (var tag in tags)
            {
                await redisStore.EvictByTagAsync(tag, cancellationToken);
            }
            outage.Succeeded();
            return true;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return false;
        }
    }

    private async ValueTask TryAsync(Func<ValueTask> action)
    {
        if (!connection.IsConnected)
        {
            return;
        }
        try
        {
            await action();
            outage.Succeeded();
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
        }
    }

    private static async ValueTask<bool> CopyAsync(byte[]? value, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return false;
        }
        await destination.WriteAsync(value, cancellationToken);
        return true;
    }
}
