using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>/healthz means ready: not while the database is being migrated or lacks a migration this code needs.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task DatabaseMissingAMigration_ReadyFailsNamingIt_LiveAnswers_AndItRecoversOnceApplied()
    {
        await using var site = new NewsSiteFactory();
        var http = site.CreateBrowserlessClient();
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        // As if another node (or the migrate command) had not yet applied the newest migration.
        var (latest, version) = await site.WithDbAsync(async (db, _) =>
        {
            var id = (await db.Database.GetAppliedMigrationsAsync()).Last();
            var product = await db.Database.SqlQueryRaw<string>("""SELECT "ProductVersion" AS "Value" FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", id);
            return (id, product);
        });

        var ready = await Poll.UntilAsync(async () =>
        {
            var response = await http.GetAsync("/healthz");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
        }, TimeSpan.FromSeconds(10), "/healthz to notice the missing migration");
        Assert.StartsWith("Unhealthy\ndatabase: Unhealthy: migrating: the database lacks 1 migration(s)", ready);
        Assert.Contains(latest, ready);
        var live = await http.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({0}, {1})""", latest, version));

        await Poll.UntilAsync(async () => (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK ? "ready" : null,
            TimeSpan.FromSeconds(10), "/healthz to be ready again once the migration is recorded");
    }

    [Fact]
    public async Task WhileThisNodeMigrates_ReadyFails_LiveAnswers()
    {
        await using var site = new NewsSiteFactory();
        var http = site.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // The flag DatabaseInitializer raises around MigrateAsync (start-up blocks until it is done, so a test cannot
        // reach the site in the middle of a real one).
        using (site.Services.GetRequiredService<MigrationStatus>().Migrate())
        {
            var ready = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("Unhealthy\ndatabase: Unhealthy: migrating: this node", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }
}
