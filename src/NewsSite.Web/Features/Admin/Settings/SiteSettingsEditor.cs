using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Admin.Settings;

/// <summary>The settings page's fields. Empty means "the configured default".</summary>
public sealed record SettingsForm
{
    [StringLength(100)]
    public string? PaperName { get; init; }

    [StringLength(200)]
    public string? Tagline { get; init; }

    public int? LogoMediaId { get; init; }

    [StringLength(64)]
    public string? TimeZone { get; init; }

    [StringLength(500)]
    public string? PostalAddress { get; init; }

    [StringLength(2000)]
    public string? FooterLinks { get; init; }

    [StringLength(2000)]
    public string? SocialProfiles { get; init; }

    [StringLength(50)]
    public string? XHandle { get; init; }

    /// <summary>The sections the navigation shows; the others are hidden from it (their pages stay).</summary>
    public int[] ShownSections { get; init; } = [];

    /// <summary>The settings' version when the page was opened: a save over someone else's is refused.</summary>
    public int Version { get; init; }
}

public sealed record SettingsSection(int Id, string Name, bool Shown);

public sealed record LogoChoice(int Id, string Label, string Url);

public sealed record SettingsDefaults(string Name, string Tagline, string TimeZone);

public sealed record SettingsPage(SettingsForm Form, IReadOnlyList<SettingsSection> Sections, IReadOnlyList<LogoChoice> Logos, SettingsDefaults Defaults, IReadOnlyList<string> Zones) : Shared.IAdminPage
{
    public string Title => "Site settings";
}

public sealed record SettingsSaveResult(IReadOnlyList<(string Field, string Problem)> Problems, bool Conflict = false)
{
    public bool Saved => Problems.Count == 0 && !Conflict;
}

/// <summary>
/// Reads and saves the paper's settings (the one SiteSettings row, made at the first save) with the sections'
/// navigation flags, in one SaveChanges with its audit entry; that save evicts the memo CurrentSite keeps and every
/// cached page on every node, so the change shows at once without a restart.
/// </summary>
public sealed partial class SiteSettingsEditor(NewsDbContext db, AuditTrail audit, IOptions<SiteOptions> defaults, TimeProvider clock)
{
    private const int LogoChoices = 200;

    // Offered in the time zone field; any zone the machine knows is accepted.
    private static readonly string[] CommonZones =
    [
        "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
        "Europe/Amsterdam", "Europe/Brussels", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki",
        "Europe/Istanbul", "Europe/Kyiv", "Europe/Moscow", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi",
        "Africa/Cairo", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Tokyo",
        "Australia/Sydney", "Pacific/Auckland", "America/St_Johns", "America/Halifax", "America/New_York",
        "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
        "Pacific/Honolulu", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "America/Buenos_Aires", "UTC",
    ];

    public async Task<SettingsPage> PageAsync(SettingsForm? form, CancellationToken cancellationToken)
    {
        var row = await db.Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.HiddenFromNavigation }).ToListAsync(cancellationToken);
        form ??= new SettingsForm
        {
            PaperName = row?.PaperName,
            Tagline = row?.Tagline,
            LogoMediaId = row?.LogoMediaId,
            TimeZone = row?.TimeZone,
            PostalAddress = row?.PostalAddress,
            FooterLinks = row?.FooterLinks,
            SocialProfiles = row?.SocialProfiles,
            XHandle = row?.XHandle,
            ShownSections = [.. sections.Where(s => !s.HiddenFromNavigation).Select(s => s.Id)],
            Version = row?.Version ?? 0,
        };
        var logos = await db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(LogoChoices)
            .Select(m => new { m.Id, m.OriginalFileName, m.AltText, m.StoragePath }).ToListAsync(cancellationToken);
        // The chosen logo stays a choice even when it has fallen out of the most recent uploads.
        if (form.LogoMediaId is { } chosen && logos.All(l => l.Id != chosen))
        {
            logos.AddRange(await db.Media.AsNoTracking().Where(m => m.Id == chosen)
                .Select(m => new { m.Id, m.OriginalFileName, m.AltText, m.StoragePath }).ToListAsync(cancellationToken));
        }
        var site = defaults.Value;
        return new SettingsPage(
            form,
            [.. sections.Select(s => new SettingsSection(s.Id, s.Name, form.ShownSections.Contains(s.Id)))],
            [.. logos.Select(l => new LogoChoice(l.Id, string.IsNullOrWhiteSpace(l.AltText) ? l.OriginalFileName : $"{l.AltText} ({l.OriginalFileName})", MediaUrls.Original(l.StoragePath)))],
            new SettingsDefaults(site.Name, site.Description, site.TimeZone),
            CommonZones);
    }

    public async Task<SettingsSaveResult> SaveAsync(SettingsForm form, string actorName, CancellationToken cancellationToken)
    {
        var problems = Validate(form);
        if (form.LogoMediaId is { } logoId && !await db.Media.AnyAsync(m => m.Id == logoId, cancellationToken))
        {
            problems.Add((nameof(form.LogoMediaId), "That image is no longer in the media library; choose another."));
        }
        if (problems.Count > 0)
        {
            return new SettingsSaveResult(problems);
        }

        var row = await db.Set<SiteSettings>().FirstOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        if ((row?.Version ?? 0) != form.Version)
        {
            return new SettingsSaveResult([], Conflict: true);
        }
        if (row is null)
        {
            row = new SiteSettings();
            db.Add(row);
        }

        var changes = new List<string>();
        Set(changes, "paper name", row.PaperName, Clean(form.PaperName), v => row.PaperName = v);
        Set(changes, "tagline", row.Tagline, Clean(form.Tagline), v => row.Tagline = v);
        Set(changes, "logo", row.LogoMediaId?.ToString(), form.LogoMediaId?.ToString(), v => row.LogoMediaId = form.LogoMediaId);
        Set(changes, "time zone", row.TimeZone, Clean(form.TimeZone), v => row.TimeZone = v);
        Set(changes, "postal address", row.PostalAddress, Clean(form.PostalAddress), v => row.PostalAddress = v, showValues: false);
        Set(changes, "footer links", row.FooterLinks, CleanLines(form.FooterLinks), v => row.FooterLinks = v, showValues: false);
        Set(changes, "social profiles", row.SocialProfiles, CleanLines(form.SocialProfiles), v => row.SocialProfiles = v, showValues: false);
        Set(changes, "X handle", row.XHandle, Handle(form.XHandle), v => row.XHandle = v);

        var sections = await db.Sections.OrderBy(s => s.Position).ToListAsync(cancellationToken);
        foreach (var section in sections)
        {
            var hidden = !form.ShownSections.Contains(section.Id);
            if (section.HiddenFromNavigation != hidden)
            {
                section.HiddenFromNavigation = hidden;
                changes.Add($"{section.Name} {(hidden ? "hidden from" : "shown in")} the navigation");
            }
        }
        if (changes.Count == 0)
        {
            if (db.Entry(row).State == EntityState.Added)
            {
                db.Entry(row).State = EntityState.Detached;
            }
            return new SettingsSaveResult([]);
        }

        row.Version = form.Version + 1;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedByName = actorName;
        audit.Record(AuditActions.SiteSettingsChanged, "site settings", string.Join("; ", changes));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write (a concurrency token, or their first row before ours).
            return new SettingsSaveResult([], Conflict: true);
        }
        return new SettingsSaveResult([]);
    }

    private static List<(string Field, string Problem)> Validate(SettingsForm form)
    {
        var problems = new List<(string, string)>();
        if (Clean(form.TimeZone) is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add((nameof(form.TimeZone), $"\"{zone}\" is not a time zone this server knows. Use an IANA name such as Europe/London or America/New_York."));
        }
        foreach (var problem in SiteSettingsText.ParseFooterLinks(form.FooterLinks).Problems)
        {
            problems.Add((nameof(form.FooterLinks), problem));
        }
        foreach (var problem in SiteSettingsText.ParseProfiles(form.SocialProfiles).Problems)
        {
            problems.Add((nameof(form.SocialProfiles), problem));
        }
        if (Handle(form.XHandle) is { } handle && !XHandlePattern().IsMatch(handle))
        {
            problems.Add((nameof(form.XHandle), "An X handle has 1 to 15 letters, digits or underscores."));
        }
        return problems;
    }

    private static void Set(List<string> changes, string name, string? before, string? after, Action<string?> apply, bool showValues = true)
    {
        if (before == after)
        {
            return;
        }
        apply(after);
        changes.Add(showValues ? $"{name}: {Shown(before)} → {Shown(after)}" : $"{name} changed");
    }

    private static string Shown(string? value) => value is null ? "(default)" : $"\"{value}\"";

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? CleanLines(string? value) =>
        Clean(string.Join('\n', (value ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));

    private static string? Handle(string? value) => Clean(value)?.TrimStart('@');

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_]{1,15}$")]
    private static partial System.Text.RegularExpressions.Regex XHandlePattern();
}
