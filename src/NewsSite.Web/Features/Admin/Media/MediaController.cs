using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.Admin.Media;

public sealed record UploadForm
{
    [Required(ErrorMessage = "Choose an image file.")]
    public IFormFile? File { get; init; }

    [Required(ErrorMessage = "Describe the image for people who cannot see it."), StringLength(500), Display(Name = "Description (alt text)")]
    public string AltText { get; init; } = "";

    [StringLength(1000)]
    public string? Caption { get; init; }

    [StringLength(300)]
    public string? Credit { get; init; }
}

/// <summary>An image's words, typed after upload (in the library, or in the editor after a paste).</summary>
public sealed record MediaDetailsForm
{
    [StringLength(500), Display(Name = "Description (alt text)")]
    public string? AltText { get; init; }

    [StringLength(1000)]
    public string? Caption { get; init; }

    [StringLength(300)]
    public string? Credit { get; init; }
}

/// <summary>The editor's upload: like the library's, but the description may follow (a pasted image has none yet).</summary>
public sealed record EditorUploadForm
{
    public IFormFile? File { get; init; }

    [StringLength(500)]
    public string? AltText { get; init; }

    [StringLength(1000)]
    public string? Caption { get; init; }

    [StringLength(300)]
    public string? Credit { get; init; }
}

[Route("/admin/media")]
public sealed class MediaController(MediaLibrary library, IAuthorizationService authorization, Articles.ArticleAccess access) : AdminController
{
    // Requests up to 64 MB reach the action, so an oversize file gets a clear message rather than a dropped connection.
    private const long RequestLimit = 64 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default) =>
        View(new MediaPage(await library.ListAsync(q, Math.Max(page, 1), cancellationToken), new UploadForm(), await CanDeleteAsync(), Query: q?.Trim()));

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await library.EditPageAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] MediaDetailsForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            if (await library.EditPageAsync(id, cancellationToken) is not { } page)
            {
                return NotFound();
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(page with { Form = form });
        }
        switch (await library.UpdateAsync(id, form, await access.RightsOfAsync(User), cancellationToken))
        {
            case MediaUpdate.Missing:
                return NotFound();
            case MediaUpdate.Refused:
                Flash(RefusedToWriters);
                return LocalRedirect(AdminUrls.Media);
        }
        Flash("Image details saved.");
        return LocalRedirect(AdminUrls.Media);
    }

    /// <summary>The editor's upload (paste, drop, the picker, the hero): JSON back, with the Markdown to insert.</summary>
    [HttpPost("upload.json")]
    [RequestSizeLimit(RequestLimit), RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> UploadJson(EditorUploadForm form, CancellationToken cancellationToken)
    {
        if (form.File is not { Length: > 0 } file)
        {
            return JsonProblem("Choose an image file to upload.");
        }
        if (!ModelState.IsValid)
        {
            return JsonProblem(FirstError());
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var id = await library.UploadAsync(stream, file.FileName, form.AltText, form.Caption, form.Credit, CurrentUserId, cancellationToken);
            return Json(await library.ItemAsync(id, cancellationToken));
        }
        catch (ImageRejectedException rejected)
        {
            return JsonProblem(rejected.Message);
        }
    }

    [HttpGet("picker.json")]
    public async Task<IActionResult> Picker(string? q, int page = 1, CancellationToken cancellationToken = default) =>
        Json(await library.PickAsync(q, page, cancellationToken));

    /// <summary>New words for an image from the editor; JSON back with the Markdown that now describes it.</summary>
    [HttpPost("{id:int}/details.json")]
    public async Task<IActionResult> DetailsJson(int id, MediaDetailsForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return JsonProblem(FirstError());
        }
        return await library.UpdateAsync(id, form, await access.RightsOfAsync(User), cancellationToken) switch
        {
            MediaUpdate.Updated => Json(await library.ItemAsync(id, cancellationToken)),
            MediaUpdate.Refused => StatusCode(StatusCodes.Status403Forbidden, new { error = RefusedToWriters }),
            _ => NotFound(new { error = "That image no longer exists." }),
        };
    }

    private const string RefusedToWriters = "Only an editor can change the words of an image someone else uploaded, or of one that a published story or a colleague's draft shows.";

    private BadRequestObjectResult JsonProblem(string message) => BadRequest(new { error = message });

    private string FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? "Check the image's details and try again.";

    [HttpPost("")]
    [RequestSizeLimit(RequestLimit), RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload([Bind(Prefix = "Upload")] UploadForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && form.File is { } file)
        {
            try
            {
                await using var stream = file.OpenReadStream();
                await library.UploadAsync(stream, file.FileName, form.AltText, form.Caption, form.Credit, CurrentUserId, cancellationToken);
                Flash("Image uploaded.");
                return LocalRedirect(AdminUrls.Media);
            }
            catch (ImageRejectedException rejected)
            {
                ModelState.AddModelError("Upload.File", rejected.Message);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new MediaPage(await library.ListAsync(null, 1, cancellationToken), form with { File = null }, await CanDeleteAsync()));
    }

    [Authorize(Policy = Policies.ManageSite), HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await library.DeleteAsync(id, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            // Deleting would leave holes in published stories: say which, with links to fix them.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Index", new MediaPage(await library.ListAsync(null, 1, cancellationToken), new UploadForm(), await CanDeleteAsync(), refusal));
        }
        Flash(result.Message);
        return LocalRedirect(AdminUrls.Media);
    }

    // The same policy as the delete action's, so the button shows exactly when deleting would be allowed.
    private async Task<bool> CanDeleteAsync() => (await authorization.AuthorizeAsync(User, Policies.ManageSite)).Succeeded;
}
