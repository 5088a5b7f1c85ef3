using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Breaking.Newsroom;

public sealed record BannerForm
{
    [Required(ErrorMessage = "Write the banner's text."), StringLength(200, ErrorMessage = "Keep the banner to 200 characters.")]
    public string Text { get; init; } = "";

    [StringLength(500)]
    public string? Url { get; init; }

    /// <summary>In the paper's time zone, as the form's datetime-local field gives it.</summary>
    [Required(ErrorMessage = "Say when the banner comes down.")]
    public DateTime? ExpiresAt { get; init; }
}

public sealed record CurrentBannerRow(string Text, string? Url, DateTime ExpiresAt, DateTime SetAt, string SetByName);

public sealed record BannerPage(CurrentBannerRow? Current, BannerForm Form, string ZoneName, int MaxDays) : Admin.Shared.IAdminPage
{
    public string Title => "Breaking news";
}

/// <summary>
/// Sets and takes down the banner. One banner at a time: setting one takes down the one before. Each change is one
/// SaveChanges with its audit entry, which also evicts every cached page.
/// </summary>
public sealed class BreakingNewsEditor(NewsDbContext db, AuditTrail audit, DateDisplay dates, TimeProvider clock, IOptions<BreakingNewsOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<BannerPage> PageAsync(BannerForm? form, CancellationToken cancellationToken)
    {
        var now = Now;
        var current = await db.Set<BreakingNews>().AsNoTracking()
            .Where(b => b.ExpiresAt > now && b.ClearedAt == null)
            .OrderByDescending(b => b.SetAt).ThenByDescending(b => b.Id)
            .Select(b => new CurrentBannerRow(b.Text, b.Url, b.ExpiresAt, b.SetAt, b.SetByName))
            .FirstOrDefaultAsync(cancellationToken);
        // A new banner's default: two hours from now, to the minute, on the paper's clock.
        var suggested = dates.ToLocal(now.AddHours(2));
        form ??= new BannerForm { ExpiresAt = suggested.AddTicks(-(suggested.Ticks % TimeSpan.TicksPerMinute)) };
        return new BannerPage(current, form, dates.ZoneName, options.Value.MaxDays);
    }

    /// <summary>Problems with the form, by field; none when the banner went up.</summary>
    public async Task<IReadOnlyList<(string Field, string Problem)>> SetAsync(BannerForm form, string actorName, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        var url = string.IsNullOrWhiteSpace(form.Url) ? null : form.Url.Trim();
        if (url is not null && !SiteSettingsText.IsLinkTarget(url))
        {
            problems.Add((nameof(form.Url), "Link to a full address starting with https:// or http://, or to a page of this site starting with /."));
        }
        var now = Now;
        var expires = dates.FromLocal(form.ExpiresAt!.Value);
        if (expires is null)
        {
            problems.Add((nameof(form.ExpiresAt), "That time does not exist on the paper's clock (the clocks go forward then); choose another."));
        }
        else if (expires <= now)
        {
            problems.Add((nameof(form.ExpiresAt), "Choose a time in the future."));
        }
        else if (expires > now.AddDays(options.Value.MaxDays))
        {
            problems.Add((nameof(form.ExpiresAt), $"A banner stays up at most {options.Value.MaxDays} days."));
        }
        if (problems.Count > 0 || expires is not { } until)
        {
            return problems;
        }

        var text = form.Text.Trim();
        var replaced = await TakeDownCurrentAsync(now, cancellationToken);
        db.Add(new BreakingNews { Text = text, Url = url, SetAt = now, ExpiresAt = until, SetByName = actorName });
        audit.Record(AuditActions.BreakingNewsSet, "breaking news",
            $"\"{text}\"{(url is null ? "" : $" → {url}")} until {dates.LongWithZone(until)}{(replaced > 0 ? "; replaced the previous banner" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        return problems;
    }

    /// <summary>Takes the banner down; false when there was none.</summary>
    public async Task<bool> ClearAsync(CancellationToken cancellationToken)
    {
        if (await TakeDownCurrentAsync(Now, cancellationToken) == 0)
        {
            return false;
        }
        audit.Record(AuditActions.BreakingNewsCleared, "breaking news");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<int> TakeDownCurrentAsync(DateTime now, CancellationToken cancellationToken)
    {
        var showing = await db.Set<BreakingNews>().Where(b => b.ClearedAt == null && b.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var banner in showing)
        {
            banner.ClearedAt = now;
        }
        return showing.Count;
    }
}
