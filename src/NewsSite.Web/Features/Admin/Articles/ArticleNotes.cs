using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;

namespace NewsSite.Web.Features.Admin.Articles;

public sealed record NoteRow(int Id, DateTime CreatedAt, string AuthorName, string Text);

public sealed record NotesPanel(int ArticleId, string ArticleTitle, IReadOnlyList<NoteRow> Notes) : IAdminPage
{
    public const int MaxLength = 4000;

    public string Title => $"Notes: {ArticleTitle}";
}

/// <summary>
/// Notes between writer and editor, kept with the story. Whoever may read the story (<see cref="ArticleRights.Readable"/>)
/// reads and adds notes; to anyone else the story, and so its notes, is not found.
/// </summary>
public sealed class ArticleNotes(NewsDbContext db, ArticleAccess access, TimeProvider clock)
{
    public async Task<NotesPanel?> PanelAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var title = await db.Articles.AsNoTracking().Where((await access.RightsOfAsync(user)).Readable)
            .Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return null;
        }
        var notes = await db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == articleId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new NoteRow(n.Id, n.CreatedAt, n.AuthorName, n.Text))
            .ToListAsync(cancellationToken);
        return new NotesPanel(articleId, title, notes);
    }

    public enum AddResult
    {
        Added,
        Empty,
        NotFound,
    }

    public async Task<AddResult> AddAsync(int articleId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Articles.Where((await access.RightsOfAsync(user)).Readable).AnyAsync(a => a.Id == articleId, cancellationToken))
        {
            return AddResult.NotFound;
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > NotesPanel.MaxLength)
        {
            return AddResult.Empty;
        }
        db.ArticleNotes.Add(new ArticleNote
        {
            ArticleId = articleId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            AuthorUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            AuthorName = await db.DisplayNameOfAsync(user, cancellationToken),
            Text = text,
        });
        await db.SaveChangesAsync(cancellationToken);
        return AddResult.Added;
    }
}
