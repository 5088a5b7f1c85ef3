using Microsoft.Extensions.Options;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Hosting;

public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData("Oracle", null, "Database:Provider is \"Oracle\"; it must be Sqlite (the default, one node) or Postgres.")]
    [InlineData("Postgres", "", "Database:Provider is Postgres but ConnectionStrings:News is empty")]
    public async Task UnusableDatabaseSettings_StopTheSiteAtStart_SayingWhichSetting(string provider, string? connectionString, string message)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (connectionString is not null)
        {
            settings["ConnectionStrings:News"] = connectionString;
        }
        await using var site = new NodeFactory(settings);
        _ = site.ConnectionString; // the test's own database is there (or the test skips) before the start that must fail

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => site.Services);

        Assert.Contains(message, refused.Message);
    }
}
