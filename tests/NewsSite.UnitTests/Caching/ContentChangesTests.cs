using Microsoft.Extensions.Caching.Memory;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.UnitTests.Caching;

public sealed class ContentChangesTests
{
    private readonly ContentChanges changes = new(new MemoryCache(new MemoryCacheOptions()));

    [Fact]
    public async Task Loads_Once_UntilContentChanges()
    {
        var loads = 0;
        Task<int> Load() => Task.FromResult(++loads);

        Assert.Equal(1, await changes.GetOrLoadAsync("menu", Load));
        Assert.Equal(1, await changes.GetOrLoadAsync("menu", Load));

        changes.Signal();
        Assert.Equal(2, await changes.GetOrLoadAsync("menu", Load));
        Assert.Equal(2, await changes.GetOrLoadAsync("menu", Load));
    }

    [Fact]
    public async Task AChangeDuringALoad_IsNotHiddenByWhatThatLoadRead()
    {
        var loads = 0;
        // The change commits while the first load is reading: what it read may be old, so it must not be kept.
        Assert.Equal(1, await changes.GetOrLoadAsync("ads", () =>
        {
            changes.Signal();
            return Task.FromResult(++loads);
        }));
        Assert.Equal(2, await changes.GetOrLoadAsync("ads", () => Task.FromResult(++loads)));
    }
}
