using System.Data.Common;
using Microsoft.Extensions.Options;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure;

namespace NewsSite.IntegrationTests.Hosting;

/// <summary>
/// Settings are checked by validators generated at compile time: a data annotation and an options class's own rules
/// (IValidatableObject) each still stop the start, naming the setting, before anything touches the database.
/// </summary>
public sealed class SettingsValidationTests
{
    private sealed class SiteWith(string key, string value) : NewsSiteFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [key] = value };

        // An empty database: a start that went on to migrate it would leave tables behind.
        protected override bool StartsOnEmptyDatabase => true;
    }

    [Theory]
    [InlineData("Caching:PageSeconds", "0", "PageSeconds")]
    [InlineData("Telemetry:MetricsNetworks:0", "not a network", "Telemetry:MetricsNetworks: 'not a network' is not a network in CIDR notation")]
    public async Task AnInvalidSetting_StopsTheStart_NamingIt_BeforeTheDatabaseIsTouched(string key, string value, string message)
    {
        await using var site = new SiteWith(key, value);

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => site.Services);

        Assert.Contains(message, refused.Message);
        Assert.False(await HasMigrationsTableAsync(site.ConnectionString), "the start migrated the database before it refused the setting");
    }

    private static async Task<bool> HasMigrationsTableAsync(string connectionString)
    {
        var postgres = TestDatabase.Engine == DatabaseEngine.Postgres;
        await using DbConnection connection = postgres
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'"
            : "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'";
        return Convert.ToInt64(await command.ExecuteScalarAsync()) > 0;
    }
}
