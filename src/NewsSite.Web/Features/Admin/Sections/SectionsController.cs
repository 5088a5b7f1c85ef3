using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Sections;

public sealed record SectionForm
{
    public int? Id { get; init; }

    [Required(ErrorMessage = "Give the section a name."), StringLength(100)]
    public string Name { get; init; } = "";

    [StringLength(100), RegularExpression("^[a-z0-9]+(?:-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single hyphens only.")]
    public string? Slug { get; init; }

    [StringLength(500)]
    public string? Description { get; init; }
}

public sealed record SectionsPage(IReadOnlyList<SectionRow> Sections, SectionForm NewSection) : IAdminPage
{
    public string Title => "Sections";
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/sections")]
public sealed class SectionsController(TaxonomyEditor taxonomy) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new SectionsPage(await taxonomy.SectionsAsync(cancellationToken), new SectionForm()));

    [HttpPost("save")]
    public async Task<IActionResult> Save(SectionForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await taxonomy.SaveSectionAsync(form.Id, form.Name, form.Slug, form.Description, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }
            if (result.Problem is not { } problem)
            {
                Flash(form.Id is null ? "Section created." : "Section saved.");
                return LocalRedirect(AdminUrls.Sections);
            }
            ModelState.AddModelError("", problem);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new SectionsPage(await taxonomy.SectionsAsync(cancellationToken), form));
    }

    [HttpPost("{id:int}/move")]
    public async Task<IActionResult> Move(int id, [FromForm] int direction, CancellationToken cancellationToken)
    {
        await taxonomy.MoveSectionAsync(id, direction, cancellationToken);
        return LocalRedirect(AdminUrls.Sections);
    }
}
