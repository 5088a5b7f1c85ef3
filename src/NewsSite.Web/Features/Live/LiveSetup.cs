using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Live;

/// <summary>Live coverage: entries posted from the newsroom's live desk, shown on the story and polled by readers' pages.</summary>
public static class LiveSetup
{
    public const string UpdatesPolicy = "live-updates";

    public static WebApplicationBuilder AddLiveCoverage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateWith(new LiveOptionsValidator()).ValidateOnStart();
        builder.Services.AddScoped<LiveReader>();
        builder.Services.AddScoped<LiveDesk>();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<LiveOptions>>((cache, live) =>
            cache.AddPolicy(UpdatesPolicy, policy => policy
                .Expire(TimeSpan.FromSeconds(live.Value.UpdatesCacheSeconds))
                .Tag(CacheTags.Content)
                // The script's cache-busting or stray parameters must not make copies.
                .SetVaryByQuery([])
                .VaryByValue(CompressedPages.VaryKey)));
        return builder;
    }
}
