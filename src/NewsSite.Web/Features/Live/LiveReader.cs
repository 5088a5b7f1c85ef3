using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Live;

/// <summary>An entry of a live story as readers see it.</summary>
public sealed record LiveEntryView(int Id, string? Title, string BodyHtml, DateTime PostedAt, DateTime? EditedAt, bool IsPinned, string PostedBy)
{
    public string Anchor => LiveCoverageView.AnchorOf(Id);
}

/// <summary>A live story's coverage: when it started and ended, and its entries (pinned first, then newest first).</summary>
public sealed record LiveCoverageView(int ArticleId, DateTime? StartedAt, DateTime? EndedAt, IReadOnlyList<LiveEntryView> Entries, int PollSeconds)
{
    /// <summary>Taking entries now: started (it was published) and not ended by the newsroom.</summary>
    public bool IsRunning => StartedAt is not null && EndedAt is null;

    public string UpdatesUrl => SiteUrls.LiveUpdates(ArticleId);

    public static string AnchorOf(int entryId) => $"update-{entryId}";
}

/// <summary>Live coverage as readers see it: on the story's page, in its JSON-LD and in the small resource a reader's page polls.</summary>
public sealed class LiveReader(NewsDbContext db, TimeProvider clock, ArticleBodyRenderer renderer, Microsoft.Extensions.Options.IOptions<LiveOptions> options)
{
    /// <summary>How many of the newest entries the polled resource carries: far more than arrive between two polls.</summary>
    public const int LatestCount = 20;

    /// <summary>How many entries search engines are given as liveBlogUpdate.</summary>
    public const int StructuredDataCount = 50;

    /// <summary>The coverage of a story the caller has already found (published, or previewed by staff), or null when it is not live.</summary>
    public async Task<LiveCoverageView?> ForArticleAsync(int articleId, CancellationToken cancellationToken)
    {
        var times = await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.WorkType == WorkType.Live)
            .Select(a => new { a.LiveStartedAt, a.LiveEndedAt }).FirstOrDefaultAsync(cancellationToken);
        if (times is null)
        {
            return null;
        }
        var entries = await Entries(articleId).ToListAsync(cancellationToken);
        return new LiveCoverageView(articleId, times.LiveStartedAt, times.LiveEndedAt, entries, options.Value.PollSeconds);
    }

    /// <summary>The newest entries of a published live story, for readers' pages to poll; null for anything else (a 404).</summary>
    public async Task<LiveCoverageView?> LatestAsync(int articleId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var times = await db.Articles.AsNoTracking().VisibleAt(now).Where(a => a.Id == articleId && a.WorkType == WorkType.Live)
            .Select(a => new { a.LiveStartedAt, a.LiveEndedAt }).FirstOrDefaultAsync(cancellationToken);
        if (times is null)
        {
            return null;
        }
        var entries = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == articleId && e.DeletedAt == null)
            .OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id).Take(LatestCount)
            .Select(View).ToListAsync(cancellationToken);
        return new LiveCoverageView(articleId, times.LiveStartedAt, times.LiveEndedAt, entries, options.Value.PollSeconds);
    }

    /// <summary>An entry's words as plain text, for its JSON-LD articleBody.</summary>
    public string TextOf(LiveEntryView entry) => renderer.TextOf(entry.BodyHtml);

    // The (ArticleId, PostedAt) index answers this; a story has hundreds of entries at most.
    private IQueryable<LiveEntryView> Entries(int articleId) =>
        db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == articleId && e.DeletedAt == null)
            .OrderByDescending(e => e.IsPinned).ThenByDescending(e => e.PostedAt).ThenByDescending(e => e.Id)
            .Select(View);

    private static readonly System.Linq.Expressions.Expression<Func<LiveEntry, LiveEntryView>> View =
        e => new LiveEntryView(e.Id, e.Title, e.BodyHtml, e.PostedAt, e.EditedAt, e.IsPinned, e.CreatedByName);
}
