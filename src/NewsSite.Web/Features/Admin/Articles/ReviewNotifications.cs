using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>
/// Tells the editors that a story awaits review: one email to each active account that may publish (the roles are read
/// from the Publish policy, so who counts as an editor is decided there alone), through the outbox. The dashboard's
/// "Awaiting review" list shows the same stories to those who missed the email.
/// </summary>
public sealed class ReviewNotifications(
    NewsDbContext db,
    Outbox outbox,
    EmailTemplates templates,
    IAuthorizationPolicyProvider policies,
    IOptions<SiteOptions> site,
    ILogger<ReviewNotifications> logger)
{
    /// <summary>For the submit path: notifies the editors once the story is saved as awaiting review, and passes the result on.</summary>
    public async Task<EditResult> AfterSubmitAsync(EditResult submitted, ClaimsPrincipal submitter, CancellationToken cancellationToken)
    {
        if (submitted is { Succeeded: true, ArticleId: { } articleId })
        {
            await NotifyEditorsAsync(articleId, submitter, cancellationToken);
        }
        return submitted;
    }

    public async Task NotifyEditorsAsync(int articleId, ClaimsPrincipal submitter, CancellationToken cancellationToken)
    {
        var headline = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (headline is null)
        {
            return;
        }
        var roles = (await policies.GetPolicyAsync(Policies.Publish))?.Requirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct().ToList() ?? [];
        var submitterId = submitter.FindFirstValue(ClaimTypes.NameIdentifier);
        var editors = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where roles.Contains(role.Name!) && !user.IsDisabled && user.Email != null && user.Id != submitterId
                select user.Email!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var writer = await db.DisplayNameOfAsync(submitter, cancellationToken);
        var link = site.Value.AbsoluteUrl(AdminUrls.Article(articleId)).ToString();
        foreach (var email in editors)
        {
            outbox.Enqueue(await templates.ReviewRequestedAsync(email, writer, headline, link));
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Review of {ArticleId} requested; {EditorCount} editors notified", articleId, editors.Count);
    }
}
