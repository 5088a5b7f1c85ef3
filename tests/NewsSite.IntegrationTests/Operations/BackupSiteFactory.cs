using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Operations;

/// <summary>A site of its own for backup tests: a quick schedule check on a clock the test moves, and a small Keep.</summary>
public sealed class BackupSiteFactory(double everyHours = 0, int keep = 2) : NewsSiteFactory
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public string BackupsDirectory => Path.Combine(DataDirectory, "backups");

    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backups:EveryHours"] = everyHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Backups:Keep"] = keep.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Backups:CheckSeconds"] = "0.1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
