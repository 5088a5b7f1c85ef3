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

[Route("/admin/media")]
public sealed class MediaController(MediaLibrary library, IAuthorizationService authorization) : AdminController
{
    // Requests up to 64 MB reach the action, so an oversize file gets a clear message rather than a dropped connection.
    private const long RequestLimit = 64 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(new MediaPage(await library.ListAsync(Math.Max(page, 1), cancellationToken), new UploadForm(), await CanDeleteAsync()));

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
        return View("Index", new MediaPage(await library.ListAsync(1, cancellationToken), form with { File = null }, await CanDeleteAsync()));
    }

    [Authorize(Policy = Policies.ManageSite), HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await library.DeleteAsync(id, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            // Deleting would leave holes in published stories: say which, with links to fix them.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Index", new MediaPage(await library.ListAsync(1, cancellationToken), new UploadForm(), await CanDeleteAsync(), refusal));
        }
        Flash(result.Message);
        return LocalRedirect(AdminUrls.Media);
    }

    // The same policy as the delete action's, so the button shows exactly when deleting would be allowed.
    private async Task<bool> CanDeleteAsync() => (await authorization.AuthorizeAsync(User, Policies.ManageSite)).Succeeded;
}
