using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Paper;

/// <summary>
/// A site of its own for tests that change what every page shows (the paper's settings, the breaking-news banner),
/// so no other test sees their changes; on a clock the test moves, with a quick banner expiry check.
/// </summary>
public sealed class PaperFactory : NewsSiteFactory
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BreakingNews:CheckSeconds"] = "0.2",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
