using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Articles;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Articles;

[Route("/admin/articles")]
public sealed class ArticlesController(ArticleEditor editor, ArticleAccess access, ArticleList list, ArticleReader reader, ArticlePageBuilder pages, ArticleBodyRenderer renderer, BodyImages bodyImages, PreviewThrottle throttle, EditorPresence presence, ReviewNotifications reviews) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string filter = "all", string? q = null, int page = 1, CancellationToken cancellationToken = default)
    {
        filter = ArticleListPage.Filters.Any(f => f.Value == filter) ? filter : "all";
        var articles = await list.ListAsync(filter, q, User, Math.Max(page, 1), cancellationToken);
        return View(new ArticleListPage(articles, filter, q, CurrentUserId, (await access.RightsOfAsync(User)).CanPublish));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", await editor.NewPageAsync(User, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await editor.EditPageAsync(id, User, cancellationToken) is not { } page)
        {
            return NotFound();
        }
        var others = await presence.CheckInAsync(id, CurrentUserId, await editor.NameOfAsync(User, cancellationToken), saved: false, cancellationToken);
        return View(page with { OthersEditing = others });
    }

    /// <summary>
    /// The editor page's autosave, every few seconds of idle typing: into the person's working copy, never the story
    /// itself (see <see cref="ArticleEditor.AutosaveAsync"/>). Answers JSON for the page's status line.
    /// </summary>
    [HttpPost("autosave")]
    public async Task<IActionResult> Autosave(ArticleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            var problem = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? "Not saved: check the form.";
            // A missing headline is not a problem yet while the story is being written.
            if (form.Id is null && string.IsNullOrWhiteSpace(form.Title) && ModelState.ErrorCount == 1 && ModelState[nameof(ArticleForm.Title)]?.Errors.Count == 1)
            {
                return Json(new { saved = false, message = "Kept on this device: give the story a headline to save it to the newsroom." });
            }
            return BadRequest(new { saved = false, message = problem });
        }
        var result = await editor.AutosaveAsync(form, User, cancellationToken);
        switch (result.Outcome)
        {
            case AutosaveOutcome.NotFound:
                return NotFound(new { saved = false, message = "This story no longer exists." });
            case AutosaveOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden, new { saved = false, message = result.Message ?? "You may not edit this story." });
            case AutosaveOutcome.Invalid:
                return BadRequest(new { saved = false, message = result.Message });
            case AutosaveOutcome.NeedsHeadline:
                return Json(new { saved = false, message = result.Message });
        }
        var others = await presence.CheckInAsync(result.ArticleId!.Value, CurrentUserId, await editor.NameOfAsync(User, cancellationToken), saved: true, cancellationToken);
        return Json(new
        {
            saved = true,
            id = result.ArticleId,
            version = result.Version,
            savedAt = result.SavedAt,
            editUrl = AdminUrls.Article(result.ArticleId.Value),
            newerBy = result.NewerBy,
            others = others.Select(o => new { o.Name, o.LastSavedAt }),
        });
    }

    /// <summary>The open editor page checks in every half minute: it is still here, and who else is.</summary>
    [HttpPost("{id:int}/presence")]
    public async Task<IActionResult> Presence(int id, bool leaving = false, CancellationToken cancellationToken = default)
    {
        if (!await editor.IsReadableAsync(id, User, cancellationToken))
        {
            return NotFound();
        }
        if (leaving)
        {
            await presence.LeaveAsync(id, CurrentUserId, cancellationToken);
            return NoContent();
        }
        var others = await presence.CheckInAsync(id, CurrentUserId, await editor.NameOfAsync(User, cancellationToken), saved: false, cancellationToken);
        return Json(new { others = others.Select(o => new { o.Name, o.LastSavedAt }) });
    }

    [HttpPost("{id:int}/working-copy/discard")]
    public async Task<IActionResult> DiscardWorkingCopy(int id, CancellationToken cancellationToken)
    {
        await editor.DiscardWorkingCopyAsync(id, User, cancellationToken);
        Flash("Your unsaved changes were discarded: this is the story as last saved.");
        return LocalRedirect(AdminUrls.Article(id));
    }

    /// <summary>Saves a new or existing article as it stands (a draft stays a draft; a published story is corrected in place).</summary>
    [HttpPost("save")]
    public Task<IActionResult> Save(ArticleForm form, CancellationToken cancellationToken) =>
        Run(form, () => editor.SaveAsync(form, User, "Saved", cancellationToken), "Saved.", cancellationToken);

    [HttpPost("submit")]
    public Task<IActionResult> Submit(ArticleForm form, CancellationToken cancellationToken) =>
        Run(form, async () => await reviews.AfterSubmitAsync(await editor.SubmitForReviewAsync(form, User, cancellationToken), User, cancellationToken), "Saved and sent to the editors for review.", cancellationToken);

    [Authorize(Policy = Policies.Publish), HttpPost("publish")]
    public Task<IActionResult> Publish(ArticleForm form, CancellationToken cancellationToken) =>
        Run(form, () => editor.PublishAsync(form, User, cancellationToken), form.Id is null ? "Published. It is on the site now." : "Published. Readers see this version now.", cancellationToken);

    [Authorize(Policy = Policies.Publish), HttpPost("schedule")]
    public Task<IActionResult> Schedule(ArticleForm form, CancellationToken cancellationToken) =>
        Run(form, () => editor.ScheduleAsync(form, User, cancellationToken), "Scheduled. It will go out at the time you chose.", cancellationToken);

    [Authorize(Policy = Policies.Publish), HttpPost("{id:int}/unpublish")]
    public async Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken) =>
        After(await editor.UnpublishAsync(id, User, cancellationToken), "Unpublished: the story is a draft again and off the site.");

    [HttpPost("{id:int}/trash")]
    public async Task<IActionResult> Trash(int id, CancellationToken cancellationToken) =>
        After(await editor.TrashAsync(id, User, cancellationToken), "Moved to the trash.");

    [HttpPost("{id:int}/restore")]
    public async Task<IActionResult> Restore(int id, CancellationToken cancellationToken) =>
        After(await editor.RestoreFromTrashAsync(id, User, cancellationToken), "Restored from the trash as a draft.");

    [HttpGet("{id:int}/preview")]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var article = await reader.PreviewAsync(id, (await access.RightsOfAsync(User)).Readable, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        // The public page's own view and layout, so the preview is exactly what readers will get.
        return View("~/Features/Articles/Show.cshtml", await pages.BuildAsync(article, cancellationToken, isPreview: true));
    }

    /// <summary>The live preview of the body as the editor types: rendered and sanitised exactly as on publication, within the same limits as saving.</summary>
    [HttpPost("preview-body")]
    public async Task<IActionResult> PreviewBody([FromForm] string? markdown, CancellationToken cancellationToken)
    {
        markdown ??= "";
        if (markdown.Length > ArticleForm.MaxBodyLength)
        {
            return PreviewProblem(StatusCodes.Status400BadRequest, $"The body is too long to preview or save: keep it under {ArticleForm.MaxBodyLength:N0} characters.");
        }
        using var lease = throttle.Limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            Response.Headers.RetryAfter = "1";
            return PreviewProblem(StatusCodes.Status429TooManyRequests, "The preview is busy; it will catch up when you next pause.");
        }
        return renderer.TryRender(markdown, await bodyImages.ForAsync(markdown, cancellationToken)) is { } body
            ? Content(body.Html, "text/html; charset=utf-8")
            : PreviewProblem(StatusCodes.Status400BadRequest, ArticleForm.TooDeeplyNested);
    }

    private ContentResult PreviewProblem(int status, string message) =>
        new() { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = $"<p class=\"preview-problem\">{System.Net.WebUtility.HtmlEncode(message)}</p>" };

    [HttpGet("{id:int}/revisions")]
    public async Task<IActionResult> Revisions(int id, CancellationToken cancellationToken) =>
        await list.RevisionsAsync(id, User, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpGet("{id:int}/revisions/compare")]
    public async Task<IActionResult> Compare(int id, int from, int to, CancellationToken cancellationToken) =>
        await list.CompareAsync(id, Math.Min(from, to), Math.Max(from, to), User, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("{id:int}/revisions/{number:int}/restore")]
    public async Task<IActionResult> RestoreRevision(int id, int number, CancellationToken cancellationToken) =>
        After(await editor.RestoreRevisionAsync(id, number, User, cancellationToken), $"Restored revision {number}. The previous text is kept as a revision too.", id);

    private async Task<IActionResult> Run(ArticleForm form, Func<Task<EditResult>> action, string success, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(form, null, StatusCodes.Status400BadRequest, cancellationToken);
        }
        var result = await action();
        if (result.Succeeded)
        {
            Flash(result.MergedWith is { } other ? $"{success} {other} saved changes meanwhile; theirs are kept too." : success);
            return LocalRedirect(result.ArticleId is { } saved ? AdminUrls.Article(saved) : AdminUrls.Articles);
        }
        if (result.NotFound)
        {
            return NotFound();
        }
        if (result.Forbidden)
        {
            return Forbid();
        }
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (result.Conflict is not null)
        {
            ModelState.AddModelError("", "Someone else saved this story while you were editing. Nothing was saved: compare below, then save again to keep your version.");
        }
        return await RedisplayAsync(form, result.Conflict, result.Conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, cancellationToken);
    }

    private async Task<IActionResult> RedisplayAsync(ArticleForm form, ConflictInfo? conflict, int status, CancellationToken cancellationToken)
    {
        if (await editor.RedisplayAsync(form, User, conflict, cancellationToken) is not { } page)
        {
            return NotFound();
        }
        Response.StatusCode = status;
        return View("Edit", page);
    }

    private IActionResult After(EditResult result, string success, int? id = null)
    {
        if (result.NotFound)
        {
            return NotFound();
        }
        if (result.Forbidden)
        {
            return Forbid();
        }
        Flash(result.Errors.Count > 0 ? result.Errors[0].Message : success);
        return LocalRedirect((result.ArticleId ?? id) is { } story ? AdminUrls.Article(story) : AdminUrls.Articles);
    }
}
