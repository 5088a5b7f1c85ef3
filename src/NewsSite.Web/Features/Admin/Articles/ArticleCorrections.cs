using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Corrections;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Articles;

public sealed record CorrectionRow(int Id, CorrectionKind Kind, string Text, DateTime At, bool ShowAtTop, string CreatedByName, DateTime? SentToSubscribersAt)
{
    public string Label => CorrectionKinds.Label(Kind);
}

/// <summary>The editor's side panel of corrections: the story's notes, and whether it went out in a newsletter (so a correction can follow it).</summary>
public sealed record CorrectionsPanel(int ArticleId, bool IsPublished, IReadOnlyList<CorrectionRow> Corrections, int NewsletterRecipients)
{
    public const int MaxLength = 2000;
}

/// <summary>
/// Editors' corrections to published stories: typed, dated, public. Adding one moves the story's dateModified to the
/// time of the correction (it is a change readers see); editing or deleting one moves it too. The story's version is
/// left alone, so an editor with the story open can still save it. Pages are evicted by ContentChangeEvictor.
/// </summary>
public sealed class ArticleCorrections(NewsDbContext db, IAuthorizationService authorization, CorrectionNotices notices, AuditTrail audit, TimeProvider clock)
{
    public enum Result
    {
        Done,
        NotFound,
        Invalid,
    }

    /// <summary>The panel, or null for anyone who may not correct stories (the Publish policy decides, as it does for the actions).</summary>
    public async Task<CorrectionsPanel?> PanelAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Publish)).Succeeded)
        {
            return null;
        }
        var status = await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.DeletedAt == null).Select(a => (ArticleStatus?)a.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }
        var rows = await db.Corrections.AsNoTracking().Where(c => c.ArticleId == articleId).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CorrectionRow(c.Id, c.Kind, c.Text, c.At, c.ShowAtTop, c.CreatedByName, c.SentToSubscribersAt))
            .ToListAsync(cancellationToken);
        var recipients = rows.Count == 0 ? 0 : await notices.RecipientCountAsync(articleId, cancellationToken);
        return new CorrectionsPanel(articleId, status == ArticleStatus.Published, rows, recipients);
    }

    public async Task<Result> AddAsync(int articleId, CorrectionKind kind, string? text, bool? showAtTop, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId && a.DeletedAt == null && a.Status == ArticleStatus.Published, cancellationToken);
        if (article is null)
        {
            return Result.NotFound;
        }
        if (Clean(text) is not { } words || !Enum.IsDefined(kind))
        {
            return Result.Invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Corrections.Add(new Correction
        {
            ArticleId = articleId,
            Kind = kind,
            Text = words,
            At = now,
            ShowAtTop = showAtTop ?? CorrectionKinds.AtTopByDefault(kind),
            CreatedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedByName = await db.DisplayNameOfAsync(user, cancellationToken),
        });
        article.UpdatedAt = now;
        audit.Record(AuditActions.CorrectionAdded, $"article {articleId}", $"{CorrectionKinds.Label(kind)}: {Excerpt(words)}");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Done;
    }

    public async Task<Result> EditAsync(int articleId, int correctionId, CorrectionKind kind, string? text, bool showAtTop, CancellationToken cancellationToken)
    {
        var correction = await db.Corrections.Include(c => c.Article).FirstOrDefaultAsync(c => c.Id == correctionId && c.ArticleId == articleId, cancellationToken);
        if (correction is null)
        {
            return Result.NotFound;
        }
        if (Clean(text) is not { } words || !Enum.IsDefined(kind))
        {
            return Result.Invalid;
        }
        var before = $"{CorrectionKinds.Label(correction.Kind)}: {Excerpt(correction.Text)}";
        correction.Kind = kind;
        correction.Text = words;
        correction.ShowAtTop = showAtTop;
        correction.Article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.CorrectionEdited, $"article {articleId}", $"correction {correctionId}, was {before}; now {CorrectionKinds.Label(kind)}: {Excerpt(words)}");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Done;
    }

    public async Task<Result> DeleteAsync(int articleId, int correctionId, CancellationToken cancellationToken)
    {
        var correction = await db.Corrections.Include(c => c.Article).FirstOrDefaultAsync(c => c.Id == correctionId && c.ArticleId == articleId, cancellationToken);
        if (correction is null)
        {
            return Result.NotFound;
        }
        db.Corrections.Remove(correction);
        correction.Article.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // The words are kept in the audit log: a public correction is never removed without trace.
        audit.Record(AuditActions.CorrectionDeleted, $"article {articleId}", $"correction {correctionId}, {CorrectionKinds.Label(correction.Kind)} of {correction.At:u}: {correction.Text}");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Done;
    }

    private static string? Clean(string? text)
    {
        var trimmed = text?.Replace("\r\n", "\n").Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > CorrectionsPanel.MaxLength ? null : trimmed;
    }

    private static string Excerpt(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
