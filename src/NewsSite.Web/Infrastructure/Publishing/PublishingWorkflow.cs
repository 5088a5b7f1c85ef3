using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Infrastructure.Publishing;

/// <summary>
/// The one place a story changes state: going out (from the editor or the scheduler), being scheduled, coming off the
/// site. Each step changes the tracked article, bumps its version once and records its audit entry on the caller's
/// DbContext; the caller saves once, so the form's text, the new state, the version and the audit entry commit together
/// or not at all.
/// </summary>
public sealed class PublishingWorkflow(AuditTrail audit, TimeProvider clock)
{
    /// <summary>Puts the story on the site now. <paramref name="actorName"/> names a job acting for nobody (the scheduler).</summary>
    public void Publish(Article article, string? details = null, string? actorName = null)
    {
        var now = Now;
        // A scheduled story whose time has come keeps its due time (so lateness shows); a story published before keeps
        // its original date; anything else goes out dated now.
        var cameDue = article.Status == ArticleStatus.Scheduled && article.PublishedAt <= now;
        if (!cameDue && (article.PublishedAt is null || article.PublishedAt > now || article.Status != ArticleStatus.Published && article.WentLiveAt is null))
        {
            article.PublishedAt = now;
        }
        article.Status = ArticleStatus.Published;
        article.WentLiveAt ??= now;
        if (article.WorkType == WorkType.Live)
        {
            // Live coverage starts when the story first goes out; an editor ends it from the live desk.
            article.LiveStartedAt ??= now;
        }
        article.ReviewRequestedAt = null;
        article.DeletedAt = null;
        Changed(article, AuditActions.Publish, details, actorName);
    }

    public void Schedule(Article article, DateTime dueUtc)
    {
        article.Status = ArticleStatus.Scheduled;
        article.PublishedAt = dueUtc;
        article.WentLiveAt = null;
        Changed(article, AuditActions.Schedule);
    }

    public void Unpublish(Article article)
    {
        article.Status = ArticleStatus.Draft;
        article.WentLiveAt = null;
        Changed(article, AuditActions.Unpublish);
    }

    private void Changed(Article article, string action, string? details = null, string? actorName = null)
    {
        article.Version++;
        audit.Record(action, Describe(article), details, actorName: actorName);
    }

    // A story published straight from a new form has no id until the save; its address names it meanwhile.
    public static string Describe(Article article) =>
        article.Id == 0 ? $"new article /{article.Slug}: {article.Title}" : $"article {article.Id}: {article.Title}";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
