using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Features.Home;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Features.Admin.FrontPage;

public sealed record PinRow(int Id, int ArticleId, string Title, FrontPageSlot Slot, DateTime? ExpiresAt, DateTime PinnedAt, string PinnedByName, bool IsShown);

public sealed record PinCandidate(int Id, string Title, string Section, DateTime PublishedAt, bool IsFeatured);

public sealed record FrontPageDesk(
    IReadOnlyList<PinRow> Pins,
    ArticleCard? Lead,
    IReadOnlyList<ArticleCard> TopStories,
    IReadOnlyList<PinCandidate> Candidates,
    string? Query);

/// <summary>
/// The editors' hand on the front page: which story leads and which top stories follow, in their order, each
/// optionally until a time. The front page fills what is not pinned by itself (FrontPageReader).
/// </summary>
public sealed class FrontPageCuration(NewsDbContext db, FrontPageReader frontPage, IDatabaseProvider database, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The front page has a lead and four top stories: pinning more top stories than that would hide some.</summary>
    public const int MaxTopPins = 4;

    private const int CandidateCount = 30;

    public async Task<FrontPageDesk> ReadAsync(string? query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The pins, then their stories by key (joined in one statement, SQLite walked every story to find them).
        var pinRows = await db.FrontPagePins.AsNoTracking().OrderBy(p => p.Slot).ThenBy(p => p.Position).ToListAsync(cancellationToken);
        var pinnedIds = pinRows.Select(p => p.ArticleId).ToList();
        var stories = await db.Articles.AsNoTracking().Where(a => pinnedIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, Shown = a.Status == ArticleStatus.Published && a.PublishedAt <= now && a.DeletedAt == null })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var pins = pinRows.Select(p => new PinRow(p.Id, p.ArticleId, stories[p.ArticleId].Title, p.Slot, p.ExpiresAt, p.PinnedAt, p.PinnedByName,
            stories[p.ArticleId].Shown && (p.ExpiresAt == null || p.ExpiresAt > now))).ToList();

        var pinned = pins.Select(p => p.ArticleId).ToList();
        var candidates = db.Articles.AsNoTracking().VisibleAt(now).Where(a => !pinned.Contains(a.Id));
        if (!string.IsNullOrWhiteSpace(query))
        {
            candidates = database.WhereContainsIgnoringCase(candidates, query.Trim(), a => a.Title);
        }
        var list = await candidates.NewestFirst().Take(CandidateCount)
            .Select(a => new PinCandidate(a.Id, a.Title, a.Section.Name, a.PublishedAt!.Value, a.IsFeatured))
            .ToListAsync(cancellationToken);

        var page = await frontPage.ReadAsync(1, cancellationToken);
        return new FrontPageDesk(pins, page.Lead, page.TopStories, list, query);
    }

    /// <summary>Pins a published story as the lead or a top story (the last of them). A new lead moves the old one to the top stories.</summary>
    public async Task<string?> PinAsync(int articleId, FrontPageSlot slot, DateTime? expiresAtUtc, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.Where(a => a.Id == articleId).VisibleAt(now).Select(a => new { a.Id, a.Title }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return "Only a published story can go on the front page.";
        }
        if (expiresAtUtc <= now)
        {
            return "The pin would end in the past; choose a later time, or none.";
        }

        var pins = await db.FrontPagePins.OrderBy(p => p.Slot).ThenBy(p => p.Position).ToListAsync(cancellationToken);
        var existing = pins.SingleOrDefault(p => p.ArticleId == articleId);
        if (existing is not null)
        {
            pins.Remove(existing);
        }
        var lead = pins.Where(p => p.Slot == FrontPageSlot.Lead).ToList();
        var top = pins.Where(p => p.Slot == FrontPageSlot.Top).ToList();
        var pin = existing ?? new FrontPagePin { ArticleId = articleId };
        pin.ExpiresAt = expiresAtUtc;
        pin.PinnedAt = now;
        pin.PinnedByName = await db.DisplayNameOfAsync(by, cancellationToken);

        if (slot == FrontPageSlot.Lead)
        {
            // The story it replaces stays prominent: first of the top stories, where editors can unpin it.
            top.InsertRange(0, lead);
            lead = [pin];
        }
        else
        {
            top.Add(pin);
        }
        if (top.Count > MaxTopPins)
        {
            return $"{MaxTopPins} top stories are pinned already; unpin one first.";
        }

        Place(lead, FrontPageSlot.Lead);
        Place(top, FrontPageSlot.Top);
        if (existing is null)
        {
            db.FrontPagePins.Add(pin);
        }
        var until = expiresAtUtc is { } end ? " until " + end.ToString("u", CultureInfo.InvariantCulture) : "";
        audit.Record(AuditActions.FrontPagePinned, article.Title, $"{(slot == FrontPageSlot.Lead ? "lead" : "top story")}{until}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Moves a top story up (-1) or down (+1) among the pinned ones.</summary>
    public async Task MoveAsync(int pinId, int direction, CancellationToken cancellationToken)
    {
        var top = await db.FrontPagePins.Include(p => p.Article).Where(p => p.Slot == FrontPageSlot.Top).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        var index = top.FindIndex(p => p.Id == pinId);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= top.Count)
        {
            return;
        }
        (top[index], top[target]) = (top[target], top[index]);
        Place(top, FrontPageSlot.Top);
        audit.Record(AuditActions.FrontPageReordered, top[target].Article.Title, direction < 0 ? "up" : "down");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> UnpinAsync(int pinId, CancellationToken cancellationToken)
    {
        var pin = await db.FrontPagePins.Include(p => p.Article).SingleOrDefaultAsync(p => p.Id == pinId, cancellationToken);
        if (pin is null)
        {
            return false;
        }
        db.FrontPagePins.Remove(pin);
        audit.Record(AuditActions.FrontPageUnpinned, pin.Article.Title);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static void Place(List<FrontPagePin> pins, FrontPageSlot slot)
    {
        for (var i = 0; i < pins.Count; i++)
        {
            pins[i].Slot = slot;
            pins[i].Position = i;
        }
    }
}
