using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Shared;

public sealed record FooterLink(string Label, string Url);

/// <summary>
/// The paper as readers see it right now: the administrators' settings (the SiteSettings row) over the configured
/// defaults. Member names follow <see cref="SiteOptions"/>, so code that read the options reads this instead.
/// </summary>
public sealed record SiteIdentity(
    string Name,
    string Description,
    string BaseUrl,
    TimeZoneInfo Zone,
    string? LogoPath,
    string? PostalAddress,
    IReadOnlyList<FooterLink> FooterLinks,
    IReadOnlyList<string> SocialProfiles,
    string? XHandle,
    IReadOnlySet<int> HiddenSectionIds)
{
    public string TimeZone => Zone.Id;

    public Uri AbsoluteUrl(string path) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), path.TrimStart('/'));
}

/// <summary>
/// Reads the paper's identity once per content change: every page view asks for it, so it is memoised in
/// <see cref="ContentCache"/>, and a save of the settings (content, for ContentChangeEvictor) empties the memo on
/// every node, which is how a change applies without a restart.
/// </summary>
public sealed class CurrentSite(NewsDbContext db, ContentCache contentCache, IOptions<SiteOptions> options)
{
    private const string Key = "site:identity";

    public Task<SiteIdentity> GetAsync(CancellationToken cancellationToken) =>
        contentCache.GetOrLoadAsync(Key, async () => Merge(
            await Settings().FirstOrDefaultAsync(cancellationToken),
            await HiddenSections().ToListAsync(cancellationToken)));

    /// <summary>
    /// For callers Razor runs synchronously (dates in views, a page's head): a memo hit in all but the first request
    /// after a change, which then reads the two small rows without awaiting.
    /// </summary>
    public SiteIdentity Get() =>
        contentCache.GetOrLoad(Key, () => Merge(Settings().FirstOrDefault(), HiddenSections().ToList()));

    private IQueryable<SettingsRow> Settings() => db.Set<SiteSettings>().AsNoTracking()
        .Where(s => s.Id == SiteSettings.SingletonId)
        .Select(s => new SettingsRow(s.PaperName, s.Tagline, s.LogoMedia == null ? null : s.LogoMedia.StoragePath, s.TimeZone,
            s.PostalAddress, s.FooterLinks, s.SocialProfiles, s.XHandle));

    private IQueryable<int> HiddenSections() => db.Sections.AsNoTracking().Where(s => s.HiddenFromNavigation).Select(s => s.Id);

    private SiteIdentity Merge(SettingsRow? row, List<int> hidden)
    {
        var defaults = options.Value;
        return new SiteIdentity(
            Or(row?.PaperName, defaults.Name),
            Or(row?.Tagline, defaults.Description),
            defaults.BaseUrl,
            ZoneOr(row?.TimeZone, defaults.TimeZone),
            row?.LogoStoragePath is { } logo ? MediaUrls.Original(logo) : null,
            Blank(row?.PostalAddress),
            SiteSettingsText.ParseFooterLinks(row?.FooterLinks).Links,
            SiteSettingsText.ParseProfiles(row?.SocialProfiles).Urls,
            ProfileLinks.NormalizeHandle(row?.XHandle) ?? ProfileLinks.NormalizeHandle(defaults.XHandle),
            hidden.ToHashSet());
    }

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // A zone the machine no longer knows (settings moved to another host) falls back to the configured one rather
    // than failing every page.
    private static TimeZoneInfo ZoneOr(string? id, string fallback) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(fallback);

    private sealed record SettingsRow(string? PaperName, string? Tagline, string? LogoStoragePath, string? TimeZone,
        string? PostalAddress, string? FooterLinks, string? SocialProfiles, string? XHandle);
}

/// <summary>The settings' line formats, parsed and checked in one place for the settings page and for the pages.</summary>
public static class SiteSettingsText
{
    public static (IReadOnlyList<FooterLink> Links, IReadOnlyList<string> Problems) ParseFooterLinks(string? text)
    {
        var links = new List<FooterLink>();
        var problems = new List<string>();
        foreach (var (line, number) in Lines(text))
        {
            var bar = line.IndexOf('|');
            var label = bar < 0 ? "" : line[..bar].Trim();
            var url = bar < 0 ? "" : line[(bar + 1)..].Trim();
            if (label.Length == 0 || label.Length > 60 || !IsLinkTarget(url))
            {
                problems.Add($"Footer link on line {number}: write \"Label | https://…\" or \"Label | /path\" (a label of up to 60 characters).");
                continue;
            }
            links.Add(new FooterLink(label, url));
        }
        return (links, problems);
    }

    public static (IReadOnlyList<string> Urls, IReadOnlyList<string> Problems) ParseProfiles(string? text)
    {
        var urls = new List<string>();
        var problems = new List<string>();
        foreach (var (line, number) in Lines(text))
        {
            if (IsAbsoluteWebUrl(line))
            {
                urls.Add(line);
            }
            else
            {
                problems.Add($"Social profile on line {number}: give a full address starting with https:// or http://.");
            }
        }
        return (urls, problems);
    }

    /// <summary>An http(s) address, or a path on this site ("/about"; not "//elsewhere", which browsers read as a host).</summary>
    public static bool IsLinkTarget(string? url) =>
        url is { Length: > 0 and <= 500 } && (IsAbsoluteWebUrl(url) || (url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')));

    public static bool IsAbsoluteWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);

    private static IEnumerable<(string Line, int Number)> Lines(string? text) =>
        (text ?? "").Split('\n').Select((line, index) => (Line: line.Trim(), Number: index + 1)).Where(l => l.Line.Length > 0);
}
