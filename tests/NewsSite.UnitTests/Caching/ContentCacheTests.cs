using Microsoft.Extensions.Caching.Memory;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.UnitTests.Caching;

public sealed class ContentCacheTests
{
    private readonly ContentCache contentCache = new(new MemoryCache(new MemoryCacheOptions()));

    [Fact]
    public async Task Loads_Once_UntilContentChanges()
    {
        var loads = 0;
        Task<int> Load() => Task.FromResult(++loads);

        Assert.Equal(1, await contentCache.GetOrLoadAsync("menu", Load));
        Assert.Equal(1, await contentCache.GetOrLoadAsync("menu", Load));

        contentCache.EvictAll();
        Assert.Equal(2, await contentCache.GetOrLoadAsync("menu", Load));
        Assert.Equal(2, await contentCache.GetOrLoadAsync("menu", Load));
    }

    [Fact]
    public async Task AChangeDuringALoad_IsNotHiddenByWhatThatLoadRead()
    {
        var loads = 0;
        // The change commits while the first load is reading: what it read may be old, so it must not be kept.
        Assert.Equal(1, await contentCache.GetOrLoadAsync("ads", () =>
        {
            contentCache.EvictAll();
            return Task.FromResult(++loads);
        }));
        Assert.Equal(2, await contentCache.GetOrLoadAsync("ads", () => Task.FromResult(++loads)));
    }
}
