using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NewsSite.Web.Infrastructure;

namespace NewsSite.UnitTests.Caching;

/// <summary>
/// The page cache's settings as the site really runs them (the options' defaults, then appsettings.json) are the
/// ones README's settings table states: a value left in appsettings.json once kept pages at 300 s after the default
/// had become 1800.
/// </summary>
public sealed partial class CachingDefaultsTests
{
    [Fact]
    public void EveryCachingSetting_TheReadmeStates_IsTheValueTheSiteRuns()
    {
        var root = Repository.Root();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "src", "NewsSite.Web", "appsettings.json"))
            .Build();
        var running = configuration.GetSection(CachingOptions.SectionName).Get<CachingOptions>() ?? new CachingOptions();

        var stated = SettingRow().Matches(File.ReadAllText(Path.Combine(root, "README.md")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

        Assert.True(stated.Count >= 4, string.Join(", ", stated.Keys));
        Assert.All(stated, setting =>
        {
            var property = typeof(CachingOptions).GetProperty(setting.Key);
            Assert.NotNull(property);
            Assert.Equal(setting.Value, Convert.ToString(property.GetValue(running), CultureInfo.InvariantCulture)!.ToLowerInvariant());
        });
    }

    // | `Caching:PageSeconds` | `900` | …
    [GeneratedRegex(@"^\| `Caching:(?<name>\w+)` \| `(?<value>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
