using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Pages;

[Authorize(Policy = Policies.ManageSite), Route("/admin/pages")]
public sealed class PagesController(PageEditor editor) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await editor.ListAsync(cancellationToken));

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new PageEditPage(new PageForm()));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await editor.FormAsync(id, cancellationToken) is { } form ? View(new PageEditPage(form)) : NotFound();

    [HttpPost("save")]
    public async Task<IActionResult> Save(PageForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await editor.SaveAsync(form, User, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }
            if (result.Problem is not { } problem)
            {
                Flash(form.Id is null ? "Page created." : "Page saved.");
                return LocalRedirect(AdminUrls.Page(result.Id));
            }
            ModelState.AddModelError("", problem);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", new PageEditPage(form));
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var title = await editor.DeleteAsync(id, cancellationToken);
        Flash(title is null ? "That page was already deleted." : $"Deleted “{title}”.");
        return LocalRedirect(AdminUrls.Pages);
    }
}
