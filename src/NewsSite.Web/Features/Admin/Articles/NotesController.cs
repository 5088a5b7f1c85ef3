using Microsoft.AspNetCore.Mvc;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>The notes kept with a story: on their own page, and posted from the editor's panel (_Notes).</summary>
[Route("/admin/articles/{id:int}/notes")]
public sealed class NotesController(ArticleNotes notes) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken) =>
        await notes.PanelAsync(id, User, cancellationToken) is { } panel ? View("Notes", panel) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Add(int id, [FromForm] string? text, CancellationToken cancellationToken)
    {
        switch (await notes.AddAsync(id, text, User, cancellationToken))
        {
            case ArticleNotes.AddResult.NotFound:
                return NotFound();
            case ArticleNotes.AddResult.Empty:
                Flash($"A note needs some text, up to {NotesPanel.MaxLength:N0} characters.");
                break;
            default:
                Flash("Note added.");
                break;
        }
        return LocalRedirect(AdminUrls.Article(id) + "#notes");
    }
}
