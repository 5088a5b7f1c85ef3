using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Live;

public sealed record LiveDeskEntry(int Id, string? Title, string BodyMarkdown, DateTime PostedAt, DateTime? EditedAt, bool IsPinned, string PostedBy);

/// <summary>The newsroom's live desk for one story: the new-entry form, then its entries to edit, pin or delete.</summary>
public sealed record LiveDeskPage(int ArticleId, string ArticleTitle, string? PublicUrl, bool IsPublished, DateTime? StartedAt, DateTime? EndedAt, IReadOnlyList<LiveDeskEntry> Entries) : IAdminPage
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 20000;

    public string Title => $"Live: {ArticleTitle}";

    public bool IsRunning => IsPublished && StartedAt is not null && EndedAt is null;
}

/// <summary>
/// Staff posting to a live story, several at once: each entry is its own row (no story version to collide on), so
/// two reporters never overwrite each other. Who may post is who may edit the story (<see cref="ArticleRights.CanEdit"/>): editors,
/// and a writer on their own live story until it goes out, as for its text, since an entry is published at once. Every change
/// moves the story's UpdatedAt (readers were told something new) and is audited; pages are evicted by the
/// ContentChangeEvictor after the one SaveChanges.
/// </summary>
public sealed class LiveDesk(NewsDbContext db, ArticleAccess access, ArticleBodyRenderer renderer, BodyImages bodyImages, AuditTrail audit, TimeProvider clock, ILogger<LiveDesk> logger)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Forbidden,
        Invalid,
    }

    public async Task<(Outcome Outcome, LiveDeskPage? Page)> PageAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, article) = await FindAsync(articleId, user, tracked: false, cancellationToken);
        if (article is null)
        {
            return (outcome, null);
        }
        var entries = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == articleId && e.DeletedAt == null)
            .OrderByDescending(e => e.IsPinned).ThenByDescending(e => e.PostedAt).ThenByDescending(e => e.Id)
            .Select(e => new LiveDeskEntry(e.Id, e.Title, e.BodyMarkdown, e.PostedAt, e.EditedAt, e.IsPinned, e.CreatedByName))
            .ToListAsync(cancellationToken);
        var published = article.Status == ArticleStatus.Published;
        var url = published ? SiteUrls.Article(article.Section.Slug, article.Slug) : null;
        return (Outcome.Done, new LiveDeskPage(articleId, article.Title, url, published, article.LiveStartedAt, article.LiveEndedAt, entries));
    }

    public async Task<Outcome> AddAsync(int articleId, string? title, string? body, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, article) = await FindAsync(articleId, user, tracked: true, cancellationToken);
        if (article is null)
        {
            return outcome;
        }
        if (await RenderAsync(title, body, cancellationToken) is not { } content)
        {
            return Outcome.Invalid;
        }
        var now = Now;
        var entry = new LiveEntry
        {
            ArticleId = articleId,
            Title = content.Title,
            BodyMarkdown = content.Markdown,
            BodyHtml = content.Html,
            PostedAt = now,
            CreatedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedByName = await db.DisplayNameOfAsync(user, cancellationToken),
        };
        db.LiveEntries.Add(entry);
        article.UpdatedAt = now;
        audit.Record(AuditActions.LiveEntryAdded, $"article {articleId}", Excerpt(content));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Live entry {EntryId} posted to {ArticleId}", entry.Id, articleId);
        return Outcome.Done;
    }

    public async Task<Outcome> EditAsync(int articleId, int entryId, string? title, string? body, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeEntryAsync(articleId, entryId, user, async entry =>
        {
            if (await RenderAsync(title, body, cancellationToken) is not { } content)
            {
                return null;
            }
            var before = Excerpt(new Content(entry.Title, entry.BodyMarkdown, ""));
            entry.Title = content.Title;
            entry.BodyMarkdown = content.Markdown;
            entry.BodyHtml = content.Html;
            entry.EditedAt = Now;
            return (AuditActions.LiveEntryEdited, $"entry {entryId}, was {before}; now {Excerpt(content)}");
        }, cancellationToken);

    public async Task<Outcome> PinAsync(int articleId, int entryId, bool pinned, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeEntryAsync(articleId, entryId, user, entry =>
        {
            entry.IsPinned = pinned;
            return Task.FromResult<(string, string)?>((pinned ? AuditActions.LiveEntryPinned : AuditActions.LiveEntryUnpinned, $"entry {entryId}"));
        }, cancellationToken);

    public async Task<Outcome> DeleteAsync(int articleId, int entryId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeEntryAsync(articleId, entryId, user, entry =>
        {
            // Kept, with its words in the audit log too: a public entry never disappears without trace.
            entry.DeletedAt = Now;
            entry.IsPinned = false;
            return Task.FromResult<(string, string)?>((AuditActions.LiveEntryDeleted, $"entry {entryId} of {entry.PostedAt:u} by {entry.CreatedByName}: {Excerpt(new Content(entry.Title, entry.BodyMarkdown, ""))}"));
        }, cancellationToken);

    /// <summary>Ends the coverage (readers' pages stop asking for entries; cards lose the running label) or resumes it.</summary>
    public async Task<Outcome> SetRunningAsync(int articleId, bool running, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, article) = await FindAsync(articleId, user, tracked: true, cancellationToken);
        if (article is null)
        {
            return outcome;
        }
        var now = Now;
        if (running)
        {
            // A story made Live after it went out never passed through Publish: its coverage starts here.
            article.LiveStartedAt ??= article.Status == ArticleStatus.Published ? now : null;
            article.LiveEndedAt = null;
        }
        else
        {
            article.LiveEndedAt ??= now;
        }
        article.UpdatedAt = now;
        audit.Record(running ? AuditActions.LiveResumed : AuditActions.LiveEnded, $"article {articleId}: {article.Title}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    private async Task<Outcome> ChangeEntryAsync(int articleId, int entryId, ClaimsPrincipal user, Func<LiveEntry, Task<(string Action, string Details)?>> change, CancellationToken cancellationToken)
    {
        var (outcome, article) = await FindAsync(articleId, user, tracked: true, cancellationToken);
        if (article is null)
        {
            return outcome;
        }
        var entry = await db.LiveEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.ArticleId == articleId && e.DeletedAt == null, cancellationToken);
        if (entry is null)
        {
            return Outcome.NotFound;
        }
        if (await change(entry) is not { } record)
        {
            return Outcome.Invalid;
        }
        article.UpdatedAt = Now;
        audit.Record(record.Action, $"article {articleId}", record.Details);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>A live story the person may know of (else not found, as everywhere in the newsroom) and may post to (else forbidden).</summary>
    private async Task<(Outcome, Article?)> FindAsync(int articleId, ClaimsPrincipal user, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Articles.Include(a => a.Section).Where(a => a.Id == articleId && a.DeletedAt == null && a.WorkType == WorkType.Live);
        var article = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        var rights = await access.RightsOfAsync(user);
        if (article is null || !rights.MayKnowOf(article))
        {
            return (Outcome.NotFound, null);
        }
        return rights.CanEdit(article) ? (Outcome.Done, article) : (Outcome.Forbidden, null);
    }

    private sealed record Content(string? Title, string Markdown, string Html);

    /// <summary>The entry's words, rendered and sanitised by the article bodies' own pipeline; null when empty, too long or unrenderable.</summary>
    private async Task<Content?> RenderAsync(string? title, string? body, CancellationToken cancellationToken)
    {
        var cleanTitle = string.IsNullOrWhiteSpace(title) ? null : Text.CollapseWhitespace(title);
        var markdown = body?.Replace("\r\n", "\n").Trim() ?? "";
        if (markdown.Length == 0 || markdown.Length > LiveDeskPage.MaxBodyLength || cleanTitle?.Length > LiveDeskPage.MaxTitleLength)
        {
            return null;
        }
        var rendered = renderer.TryRender(markdown, await bodyImages.ForAsync(markdown, cancellationToken));
        return rendered is null || rendered.Html.Length == 0 ? null : new Content(cleanTitle, markdown, rendered.Html);
    }

    private static string Excerpt(Content content)
    {
        var words = (content.Title is null ? "" : content.Title + ": ") + content.Markdown;
        return words.Length > 200 ? words[..200] + "…" : words;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
