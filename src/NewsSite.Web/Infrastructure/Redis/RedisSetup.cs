using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Security;
using StackExchange.Redis;

namespace NewsSite.Web.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// Put before every key and channel this site uses, so several sites (or test runs) can share one Redis server.
    /// Every node of one site must use the same value.
    /// </summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string InstanceName { get; set; } = "newssite:";

    /// <summary>
    /// How long an SMTP connection slot stays taken after its node stops renewing it (a node killed mid-batch): the
    /// other nodes wait at most this long for its slots.
    /// </summary>
    [Range(1, 600)]
    public int SlotLeaseSeconds { get; set; } = 30;
}

public static class RedisSetup
{
    /// <summary>
    /// With ConnectionStrings:Redis set, the seams that hold per-process state get shared implementations: the page
    /// cache store, the "content changed" signal, the attempt counter (throttles and rate limits) and send pacing.
    /// Without it nothing changes: one node keeps everything in its own memory. Runs after the features registered
    /// their in-process implementations, and replaces them.
    /// </summary>
    public static WebApplicationBuilder AddNewsRedis(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateWith(new RedisOptionsValidator()).ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var connection = Connect(connectionString);
            // The client's own logging writes an error with a stack trace at every reconnection attempt, each second of
            // an outage; RedisOutage says the same once a minute.
            var outage = provider.GetRequiredService<RedisOutage>();
            connection.ConnectionFailed += (_, e) => outage.Failed(e.Exception ?? new RedisConnectionException(e.FailureType, e.FailureType.ToString()), "pages are rendered uncached and limits count per node");
            connection.ConnectionRestored += (_, _) => outage.Succeeded();
            return connection;
        });
        services.AddSingleton<RedisOutage>();

        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((options, connection, redis) =>
        {
            options.InstanceName = ResilientOutputCacheStore.PagesInstanceName(redis.Value);
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
        });
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore)).ImplementationType
            ?? throw new InvalidOperationException("The Redis output cache registered no store type.");
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<ChangesHeard>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ResilientOutputCacheStore>(provider,
            (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, redisStore)));
        services.AddSingleton<IOutputCacheStore>(provider => provider.GetRequiredService<ResilientOutputCacheStore>());

        services.RemoveAll<IContentChangeSignal>();
        services.AddSingleton<RedisContentChangeSignal>();
        services.AddSingleton<IContentChangeSignal>(provider => provider.GetRequiredService<RedisContentChangeSignal>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisContentChangeSignal>());

        services.Replace(ServiceDescriptor.Singleton<IAttemptCounter, RedisAttemptCounter>());
        services.Replace(ServiceDescriptor.Singleton<IDeliveryPacing, RedisDeliveryPacing>());

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    /// <summary>
    /// A Redis that is down when the site starts, or goes away later, must never stop the site: the connection does
    /// not abort when the first attempt fails and keeps retrying in the background, and while it is down commands fail
    /// at once (no backlog) with short timeouts, so a request pays milliseconds, not seconds, before falling back.
    /// Settings given in the connection string win over these defaults, except that abortConnect stays false.
    /// </summary>
    internal static ConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "newssite-" + Environment.MachineName;
        bool Given(string key) => connectionString.Contains(key + "=", StringComparison.OrdinalIgnoreCase);
        if (!Given("connectTimeout"))
        {
            options.ConnectTimeout = 1000;
        }
        if (!Given("syncTimeout"))
        {
            options.SyncTimeout = 1000;
        }
        if (!Given("asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }
        if (!Given("connectRetry"))
        {
            options.ConnectRetry = 1;
        }
        return ConnectionMultiplexer.Connect(options);
    }
}
