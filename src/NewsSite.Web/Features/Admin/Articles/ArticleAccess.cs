using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>
/// What one signed-in person may do with stories. Which roles publish is decided by the Publish policy alone (the same
/// one the publish actions demand), so changing who may publish is one edit in <see cref="Policies"/>.
/// </summary>
public sealed record ArticleRights(string? UserId, bool CanPublish)
{
    /// <summary>
    /// Editors read anything; a writer reads only their own work. The one rule for every newsroom read of an article
    /// (the list, the dashboard, the editor page, the preview, the revisions): applied in the query, so someone else's
    /// story is simply not found.
    /// </summary>
    public Expression<Func<Article, bool>> Readable
    {
        get
        {
            if (CanPublish)
            {
                return _ => true;
            }
            var userId = UserId;
            return a => a.CreatedByUserId == userId;
        }
    }

    /// <summary>Editors edit anything; a writer edits only their own stories (what <see cref="Readable"/> lets them read), and only until they go out.</summary>
    public bool CanEdit(Article article) =>
        CanPublish || (article.CreatedByUserId == UserId && article.Status == ArticleStatus.Draft);

    /// <summary>Someone else's story a writer may not even read answers "not found", as it does when read.</summary>
    public bool MayKnowOf(Article article) => CanPublish || article.CreatedByUserId == UserId;
}

/// <summary>Asks the authorization policies what a person may do with stories.</summary>
public sealed class ArticleAccess(IAuthorizationService authorization)
{
    public async Task<ArticleRights> RightsOfAsync(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), (await authorization.AuthorizeAsync(user, Policies.Publish)).Succeeded);
}
