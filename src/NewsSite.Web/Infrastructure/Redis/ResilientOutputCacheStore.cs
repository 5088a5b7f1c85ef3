using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

/// <summary>
/// The shared page cache in Redis, made harmless when Redis is away: a read becomes a miss (the page is rendered), a
/// write or an eviction is skipped, and the outage is logged now and then rather than on every request. While the
/// connection is known to be down it does not even try, so readers pay nothing for the outage. An eviction that did not
/// reach Redis is reported to the caller (<see cref="TryEvictAsync"/>), which tries it again when Redis is back.
/// A page whose render may have begun before a content change is not kept (<see cref="ChangesHeard"/>).
/// </summary>
public sealed class ResilientOutputCacheStore(
    IOutputCacheStore redisStore, IConnectionMultiplexer connection, RedisOutage outage, ChangesHeard changes, IOptions<RedisOptions> options)
    : IOutputCacheBufferStore
{
    private const string Fallback = "pages are rendered and not cached";

    /// <summary>What the pages' keys in Redis begin with: the site's instance name, then this.</summary>
    public static string PagesInstanceName(RedisOptions options) => options.InstanceName + "pages:";

    // The Redis output cache store's own name for a page's value (Microsoft.AspNetCore.OutputCaching.StackExchangeRedis
    // keeps it internal); SharedPageCacheTests fails if it ever changes, as the page would then be left in place.
    private readonly string pageValuePrefix = PagesInstanceName(options.Value) + "__MSOCV_";

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
            changes.NoteLookUp();
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
            changes.NoteLookUp();
            return found;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return false;
        }
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        KeepAsync(key, () => redisStore.SetAsync(key, value, tags, validFor, cancellationToken));

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        KeepAsync(key, () => redisStore is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : redisStore.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken));

    // Asked before the write, and again after it, since a change may be heard while the page is on its way. The Redis
    // store writes the page, waits for Redis, then queues its tag writes without waiting for them; a change heard only
    // after the second check is acknowledged after those tag writes, on the same connection, so the change's eviction
    // finds this page. One heard before that check has its page taken out again here. So does a write that failed
    // (a timeout, say): Redis may have stored the page without its tags, where no eviction would find it.
    private async ValueTask KeepAsync(string key, Func<ValueTask> write)
    {
        if (changes.MayHaveChangedSinceTheLookUp())
        {
            return;
        }
        if (!await TryAsync(write) || changes.MayHaveChangedSinceTheLookUp())
        {
            await TryAsync(async () => await connection.GetDatabase().KeyDeleteAsync(pageValuePrefix + key));
        }
    }

    // Tag writes in the Redis store are fire-and-forget, so a page may outlive its eviction by a lost write; the
    // public-page policy's bounded lifetime (Caching:PageSeconds) is what limits that.
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        await TryAsync(() => redisStore.EvictByTagAsync(tag, cancellationToken));

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

    /// <summary>Runs the command unless Redis is known to be away; false if it could not (an outage, logged).</summary>
    private async ValueTask<bool> TryAsync(Func<ValueTask> action)
    {
        if (!connection.IsConnected)
        {
            return false;
        }
        try
        {
            await action();
            outage.Succeeded();
            return true;
        }
        catch (Exception exception) when (RedisOutage.IsOutage(exception))
        {
            outage.Failed(exception, Fallback);
            return false;
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
