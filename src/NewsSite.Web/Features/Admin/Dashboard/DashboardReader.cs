using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Publishing;

namespace NewsSite.Web.Features.Admin.Dashboard;

public sealed class DashboardReader(NewsDbContext db, ArticleAccess access, IAuthorizationService authorization, TimeProvider clock, IOptions<PublishingOptions> publishing)
{
    public async Task<DashboardPage> ReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        // Subscribers are shown to whoever may manage them: the same policy as the subscribers page.
        var showSubscribers = (await authorization.AuthorizeAsync(user, Policies.ManageSite)).Succeeded;
        // The same reading rule as the editor's: a writer sees only their own unpublished work listed here.
        var articles = db.Articles.AsNoTracking().Where(a => a.DeletedAt == null).Where((await access.RightsOfAsync(user)).Readable);
        var awaitingReview = articles.Where(a => a.Status == ArticleStatus.Draft && a.ReviewRequestedAt != null);
        var reviewCount = await awaitingReview.CountAsync(cancellationToken);
        var review = await awaitingReview
            .OrderBy(a => a.ReviewRequestedAt).Take(20).Select(a => new DashboardItem(a.Id, a.Title, a.ReviewRequestedAt!.Value)).ToListAsync(cancellationToken);
        var scheduled = await articles.Where(a => a.Status == ArticleStatus.Scheduled)
            .OrderBy(a => a.PublishedAt).Take(20).Select(a => new DashboardItem(a.Id, a.Title, a.PublishedAt!.Value)).ToListAsync(cancellationToken);
        var recent = await db.Articles.AsNoTracking().Where(a => a.DeletedAt == null && a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).Take(10).Select(a => new DashboardItem(a.Id, a.Title, a.PublishedAt!.Value)).ToListAsync(cancellationToken);
        // Missed schedules are the most reported failure of other platforms: anything that went out late is shown.
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        var lateAfter = publishing.Value.LateAfterSeconds;
        var wentLive = await articles.Where(a => a.Status == ArticleStatus.Published && a.WentLiveAt != null && a.WentLiveAt >= since)
            .Select(a => new { a.Id, a.Title, Due = a.PublishedAt!.Value, Live = a.WentLiveAt!.Value }).ToListAsync(cancellationToken);
        var late = wentLive.Where(a => (a.Live - a.Due).TotalSeconds > lateAfter).OrderByDescending(a => a.Live)
            .Select(a => new DashboardItem(a.Id, a.Title, a.Live, $"due {a.Due:HH:mm} UTC, out {(a.Live - a.Due):h\\:mm\\:ss} late")).ToList();
        var mine = await articles.Where(a => a.Status == ArticleStatus.Draft && a.CreatedByUserId == userId)
            .OrderByDescending(a => a.UpdatedAt).Take(10).Select(a => new DashboardItem(a.Id, a.Title, a.UpdatedAt)).ToListAsync(cancellationToken);
        var subscribers = showSubscribers
            ? await db.Subscribers.AsNoTracking().OrderByDescending(s => s.Id).Take(10)
                .Select(s => new DashboardItem(s.Id, s.Email, s.CreatedAt, s.Status.ToString())).ToListAsync(cancellationToken)
            : [];
        return new DashboardPage(review, scheduled, recent, late, mine, subscribers, reviewCount);
    }
}
