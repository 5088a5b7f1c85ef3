using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace NewsSite.Web.Features.Analytics;

/// <summary>Which requests are a person reading a page: the rules, in one place, so a test can hold them to account.</summary>
public static partial class CountedVisits
{
    /// <summary>
    /// Crawlers, link previewers, monitors and scripts. Case-insensitive substrings of the User-Agent; one compiled
    /// pattern, so the cost per request is one scan of one header.
    /// </summary>
    [GeneratedRegex(@"bot|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-externalagent|embedly|quora link preview|outbrain|vkshare|w3c_validator|whatsapp|telegram|discord|skype|slack|preview|headless|lighthouse|pagespeed|gtmetrix|pingdom|uptime|monitor|curl|wget|python|httpclient|http_request|java/|okhttp|go-http-client|libwww|perl|ruby|php/|node-fetch|axios|postman|insomnia|scrapy|feed|rss|archive\.org|ia_archiver|check_http|nagios|zgrab|masscan|nmap|nikto|sqlmap|ahrefs|semrush|mj12|dotbot|petalbot|bytespider|gptbot|claude|anthropic|ccbot|perplexity|applebot|exabot|qwantify|bingpreview|google-|googleother|apis-google|mediapartners|adsbot|chrome-lighthouse|phantomjs|selenium|puppeteer|playwright|^mozilla/5\.0$|^mozilla/4\.0$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KnownRobots();

    // Readers' browsers send a few hundred distinct User-Agents a day: the verdict is remembered, so the pattern runs
    // once per new one. Bounded, so a flood of made-up ones cannot grow it: past the limit they are matched each time.
    private const int MaxRemembered = 20_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Verdicts = new(StringComparer.Ordinal);

    public static bool IsRobot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }
        if (Verdicts.TryGetValue(userAgent, out var robot))
        {
            return robot;
        }
        robot = KnownRobots().IsMatch(userAgent);
        if (Verdicts.Count < MaxRemembered)
        {
            Verdicts.TryAdd(userAgent, robot);
        }
        return robot;
    }

    /// <summary>A browser fetching a page the reader may never open (link prefetch, prerender, speculation rules).</summary>
    public static bool IsPrefetch(IHeaderDictionary headers) =>
        headers["Sec-Purpose"].ToString() is { Length: > 0 } secPurpose && (secPurpose.Contains("prefetch", StringComparison.OrdinalIgnoreCase) || secPurpose.Contains("prerender", StringComparison.OrdinalIgnoreCase))
        || headers["Purpose"].ToString() is { Length: > 0 } purpose && (purpose.Contains("prefetch", StringComparison.OrdinalIgnoreCase) || purpose.Contains("preview", StringComparison.OrdinalIgnoreCase))
        || headers["X-Moz"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || headers["X-Purpose"].ToString() is "preview" or "prefetch";

    /// <summary>Global Privacy Control or Do Not Track: the reader asked not to be counted.</summary>
    public static bool AsksNotToBeCounted(IHeaderDictionary headers) =>
        headers["Sec-GPC"].ToString().Trim() == "1" || headers["DNT"].ToString().Trim() == "1";
}
