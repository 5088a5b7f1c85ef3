using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>
/// Work the site skips at start-up because it has nothing to do here (bench/README.md, "Start-up against a
/// reference"), and the assumptions that make skipping it safe.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StartupShortcutsTests(NewsSiteFactory site)
{
    [Fact]
    public async Task TheContextsSetsAreNotSetWhenItIsMade_YetEveryOneGivesItsSet()
    {
        await site.WithDbAsync(async (db, _) =>
        {
#pragma warning disable EF1001 // the internal seam under test
            Assert.IsType<NoSetsToInitialize>(db.GetService<Microsoft.EntityFrameworkCore.Internal.IDbSetInitializer>());
#pragma warning restore EF1001
            // Every DbSet property, Identity's base-class ones included: one left to EF's initializer would be null now.
            var sets = typeof(NewsDbContext).GetProperties()
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
                .ToList();
            Assert.True(sets.Count > 40, $"Only {sets.Count} DbSet properties found: the enumeration is broken.");
            var empty = sets.Where(p => p.GetValue(db) is null).Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
            Assert.True(empty.Count == 0, $"Sets never set (override them as => Set<T>()): {string.Join(", ", empty)}");

            // And they are the context's own sets: Identity's stores and the newsroom read users through them.
            Assert.Equal(await db.Set<NewsSite.Data.Entities.StaffUser>().CountAsync(), await db.Users.CountAsync());
            return true;
        });
    }
}
