using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>Someone else with the story open: "Maya is editing — last saved 2 min ago".</summary>
public sealed record OtherEditor(string Name, DateTime? LastSavedAt);

/// <summary>
/// Who has a story open in the editor. The page says so when it opens and asks again every half minute while it stays
/// open; kept in the database so editors on different nodes see each other.
/// </summary>
public sealed class EditorPresence(NewsDbContext db, TimeProvider clock, ILogger<EditorPresence> logger)
{
    /// <summary>An open editor page checks in every 30 seconds; missing two check-ins means the person has gone.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(75);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Notes that the person has the story open (and, after a save or autosave, when they last saved), then says who else has.</summary>
    public async Task<IReadOnlyList<OtherEditor>> CheckInAsync(int articleId, string userId, string name, bool saved, CancellationToken cancellationToken)
    {
        try
        {
            var row = await db.ArticlePresence.FirstOrDefaultAsync(p => p.ArticleId == articleId && p.UserId == userId, cancellationToken);
            if (row is null)
            {
                row = new ArticlePresence { ArticleId = articleId, UserId = userId };
                db.ArticlePresence.Add(row);
            }
            row.Name = name;
            row.SeenAt = Now;
            if (saved)
            {
                row.LastSavedAt = Now;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Two check-ins of one person at once (two tabs): one row is enough, and saying who else is here matters more.
            logger.LogDebug(exception, "Presence check-in for article {ArticleId} lost a race", articleId);
            db.ChangeTracker.Clear();
        }
        return await OthersAsync(articleId, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<OtherEditor>> OthersAsync(int articleId, string userId, CancellationToken cancellationToken)
    {
        var since = Now - Window;
        var others = await db.ArticlePresence.AsNoTracking()
            .Where(p => p.ArticleId == articleId && p.UserId != userId && p.SeenAt >= since)
            .OrderBy(p => p.Name)
            .Select(p => new { p.Name, p.LastSavedAt })
            .ToListAsync(cancellationToken);
        // SQLite gives times back without their kind; the page's script reads them as UTC only when they say so.
        return others.Select(o => new OtherEditor(o.Name, o.LastSavedAt is { } saved ? DateTime.SpecifyKind(saved, DateTimeKind.Utc) : null)).ToList();
    }

    /// <summary>The person closed the page.</summary>
    public async Task LeaveAsync(int articleId, string userId, CancellationToken cancellationToken) =>
        await db.ArticlePresence.Where(p => p.ArticleId == articleId && p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
