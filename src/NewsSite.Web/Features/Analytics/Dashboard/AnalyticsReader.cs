using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Newsletter.Subscribers;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Analytics.Dashboard;

/// <summary>One row of a report: its cells as shown (and exported), and where its first cell links, if anywhere.</summary>
public sealed record ReportRow(IReadOnlyList<string> Cells, string? Link = null, long Bar = 0);

/// <summary>A table of the dashboard, the same for the page and its CSV; <see cref="Bar"/> names the column drawn as a bar.</summary>
public sealed record ReportTable(string Key, string Title, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows, string Empty)
{
    public long BarMax => Rows.Count == 0 ? 0 : Rows.Max(r => r.Bar);
}

/// <summary>
/// The morning questions, read from the hourly counts (ranges over their (Hour, Path, Source) index), the consent
/// ledger, the subscribers' signup stories and the newsletter's own link and open counts, which the newsletter room
/// keeps and this only reads. Days are the paper's days, in its time zone.
/// </summary>
public sealed class AnalyticsReader(NewsDbContext db, SubscriberDirectory subscribers, CurrentSite site, DateDisplay dates, TimeProvider clock)
{
    public const int Days = 30;

    public static readonly string[] Keys = ["views-per-day", "top-today", "top-week", "subscriber-growth", "signups-per-article", "newsletter-clicks"];

    private static readonly ReferrerClass[] Sources = Enum.GetValues<ReferrerClass>();

    public async Task<IReadOnlyList<ReportTable>> AllAsync(CancellationToken cancellationToken)
    {
        var tables = new List<ReportTable>();
        foreach (var key in Keys)
        {
            tables.Add((await TableAsync(key, cancellationToken))!);
        }
        return tables;
    }

    /// <summary>One table by its key; null for a key there is no table for.</summary>
    public async Task<ReportTable?> TableAsync(string key, CancellationToken cancellationToken) => key switch
    {
        "views-per-day" => await ViewsPerDayAsync(cancellationToken),
        "top-today" => await TopStoriesAsync(key, "Top stories today", Today(), cancellationToken),
        "top-week" => await TopStoriesAsync(key, "Top stories this week", Today().AddDays(-6), cancellationToken),
        "subscriber-growth" => await SubscriberGrowthAsync(cancellationToken),
        "signups-per-article" => await SignupsPerArticleAsync(cancellationToken),
        "newsletter-clicks" => await NewsletterClicksAsync(cancellationToken),
        _ => null,
    };

    private DateOnly Today()
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, site.Get().Zone);
        return DateOnly.FromDateTime(local);
    }

    private DateOnly LocalDay(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), site.Get().Zone));

    private static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private IEnumerable<DateOnly> LastDays()
    {
        var today = Today();
        return Enumerable.Range(0, Days).Select(i => today.AddDays(-i));
    }

    private async Task<ReportTable> ViewsPerDayAsync(CancellationToken cancellationToken)
    {
        var first = Today().AddDays(-(Days - 1));
        var since = dates.StartOfDayUtc(first);
        // At most 24 rows a day come back: summed per hour in the database, bucketed into the paper's days here.
        var hours = await db.PageViewCounts.AsNoTracking().Where(c => c.Hour >= since)
            .GroupBy(c => c.Hour).Select(g => new { Hour = g.Key, Views = g.Sum(c => c.Views), Stories = g.Where(c => c.ArticleId != null).Sum(c => c.Views) })
            .ToListAsync(cancellationToken);
        var byDay = hours.GroupBy(h => LocalDay(h.Hour)).ToDictionary(g => g.Key, g => (Views: g.Sum(h => h.Views), Stories: g.Sum(h => h.Stories)));
        var rows = LastDays().Select(day =>
        {
            var (views, stories) = byDay.GetValueOrDefault(day);
            return new ReportRow([Day(day), Number(views), Number(stories)], Bar: views);
        }).ToList();
        return new ReportTable("views-per-day", "Views per day", $"Page views a day over the last {Days} days ({dates.ZoneName}), newest first; story views are the part that were articles.",
            ["Day", "Views", "Story views"], rows, "");
    }

    private async Task<ReportTable> TopStoriesAsync(string key, string title, DateOnly from, CancellationToken cancellationToken)
    {
        var since = dates.StartOfDayUtc(from);
        var counts = await db.PageViewCounts.AsNoTracking().Where(c => c.Hour >= since && c.ArticleId != null)
            .GroupBy(c => new { Id = c.ArticleId!.Value, c.Source }).Select(g => new { g.Key.Id, g.Key.Source, Views = g.Sum(c => c.Views) })
            .ToListAsync(cancellationToken);
        var top = counts.GroupBy(c => c.Id)
            .Select(g => new { Id = g.Key, Total = g.Sum(c => c.Views), BySource = g.ToDictionary(c => c.Source, c => c.Views) })
            .OrderByDescending(s => s.Total).ThenByDescending(s => s.Id).Take(20).ToList();
        var ids = top.Select(s => s.Id).ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        var rows = top.Select(s => new ReportRow(
            [titles.GetValueOrDefault(s.Id) ?? $"Story {s.Id} (deleted)", Number(s.Total), .. Sources.Select(source => Number(s.BySource.GetValueOrDefault(source)))],
            titles.ContainsKey(s.Id) ? AdminUrls.Article(s.Id) : null, s.Total)).ToList();
        return new ReportTable(key, title, $"The 20 most read stories since {Day(from)} began ({dates.ZoneName}), with where their readers came from.",
            ["Story", "Views", .. Sources.Select(SourceName)], rows, "No story has been read in this period yet.");
    }

    public static string SourceName(ReferrerClass source) => source switch
    {
        ReferrerClass.Direct => "Direct",
        ReferrerClass.Internal => "This site",
        ReferrerClass.Search => "Search",
        ReferrerClass.GoogleNews => "Google News / Discover",
        ReferrerClass.Social => "Social",
        ReferrerClass.Newsletter => "Newsletter",
        ReferrerClass.OtherSite => "Other sites",
        _ => source.ToString(),
    };

    private async Task<ReportTable> SubscriberGrowthAsync(CancellationToken cancellationToken)
    {
        var first = Today().AddDays(-(Days - 1));
        var since = dates.StartOfDayUtc(first);
        // The ledger is append-only, so its ids run in time order: the window is a range of the primary key, found by
        // a binary search of the key, rather than a scan of the whole ledger by date (which has no index). (An import
        // that dates its events in the past breaks the order for those rows; the window may then start a little late.)
        var firstId = await FirstConsentEventAtOrAfterAsync(since, cancellationToken);
        var kinds = new[] { ConsentEventKind.SignedUp, ConsentEventKind.Confirmed, ConsentEventKind.Imported, ConsentEventKind.Withdrawn, ConsentEventKind.Erased };
        var events = firstId is null ? [] : await db.ConsentEvents.AsNoTracking().Where(e => e.Id >= firstId && kinds.Contains(e.Kind))
            .Select(e => new { e.At, e.Kind }).ToListAsync(cancellationToken);
        var byDay = events.Where(e => e.At >= since).GroupBy(e => LocalDay(e.At)).ToDictionary(g => g.Key, g => g.GroupBy(e => e.Kind).ToDictionary(k => k.Key, k => (long)k.Count()));
        var rows = LastDays().Select(day =>
        {
            var kindsOfDay = byDay.GetValueOrDefault(day) ?? [];
            long Of(ConsentEventKind kind) => kindsOfDay.GetValueOrDefault(kind);
            var joined = Of(ConsentEventKind.Confirmed) + Of(ConsentEventKind.Imported);
            var left = Of(ConsentEventKind.Withdrawn);
            return new ReportRow([Day(day), Number(Of(ConsentEventKind.SignedUp)), Number(joined), Number(left), (joined - left).ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture)], Bar: Math.Max(joined, 0));
        }).ToList();
        return new ReportTable("subscriber-growth", "Subscriber growth", $"From the consent ledger, over the last {Days} days ({dates.ZoneName}): signups asked for, confirmed (or imported), and unsubscribes.",
            ["Day", "Signups", "Confirmed", "Unsubscribed", "Net"], rows, "");
    }

    private async Task<long?> FirstConsentEventAtOrAfterAsync(DateTime since, CancellationToken cancellationToken)
    {
        var events = db.ConsentEvents.AsNoTracking();
        var last = await events.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.At }).FirstOrDefaultAsync(cancellationToken);
        if (last is null || last.At < since)
        {
            return null;
        }
        long low = 0, high = last.Id;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var probe = await events.Where(e => e.Id >= middle).OrderBy(e => e.Id).Select(e => new { e.Id, e.At }).FirstAsync(cancellationToken);
            // Kept true throughout: the first event from `high` on is in the window, and every event before `low` is not.
            if (probe.At >= since)
            {
                high = middle;
            }
            else
            {
                low = probe.Id + 1;
            }
        }
        return low;
    }

    private async Task<ReportTable> SignupsPerArticleAsync(CancellationToken cancellationToken)
    {
        // The newsletter room records which story's box each reader used; the same figures its subscribers page shows.
        var top = await subscribers.TopSignupArticlesAsync(20, cancellationToken);
        var rows = top.Select(a => new ReportRow([a.Title, Number(a.Signups)], AdminUrls.Article(a.ArticleId), a.Signups)).ToList();
        return new ReportTable("signups-per-article", "Signups per article", "The stories whose newsletter box readers used to sign up, all time.",
            ["Story", "Signups"], rows, "Nobody has signed up from a story's page yet.");
    }

    private async Task<ReportTable> NewsletterClicksAsync(CancellationToken cancellationToken)
    {
        // Issues by the time they were queued (the CreatedAt index orders them as well); clicks summed over each issue's links.
        var issues = await db.NewsletterIssues.AsNoTracking().Where(i => i.QueuedAt != null).OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(30)
            .Select(i => new
            {
                i.Id, i.Subject, Newsletter = i.Newsletter!.Name, QueuedAt = i.QueuedAt!.Value, i.QueuedCount, i.Opens,
                Clicks = db.NewsletterLinks.Where(l => l.NewsletterIssueId == i.Id).Sum(l => (long?)l.Clicks) ?? 0,
            })
            .ToListAsync(cancellationToken);
        var rows = issues.Select(i => new ReportRow(
            [i.Subject, i.Newsletter, dates.Short(i.QueuedAt), Number(i.QueuedCount), Number(i.Clicks), Number(i.Opens)], AdminUrls.Newsletter(i.Id), i.Clicks)).ToList();
        return new ReportTable("newsletter-clicks", "Newsletter clicks per issue",
            "The last 30 issues sent, with clicks on their links (when Newsletter:CountClicks is on). Opens are unreliable: mail privacy protection opens every message, and images off open none.",
            ["Issue", "Newsletter", "Sent", "Recipients", "Clicks", "Opens (unreliable)"], rows, "No issue has been sent yet.");
    }
}
