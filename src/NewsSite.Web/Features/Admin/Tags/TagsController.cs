using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Sections;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Tags;

public sealed record TagsPage(IReadOnlyList<TagRow> Tags) : IAdminPage
{
    public string Title => "Tags";
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/tags")]
public sealed class TagsController(TaxonomyEditor taxonomy) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new TagsPage(await taxonomy.TagsAsync(cancellationToken)));

    [HttpPost("{id:int}/rename")]
    public async Task<IActionResult> Rename(int id, [FromForm] string? name, CancellationToken cancellationToken)
    {
        Flash(string.IsNullOrWhiteSpace(name) || name.Length > 100
            ? "A tag needs a name of up to 100 characters."
            : await taxonomy.RenameTagAsync(id, name, cancellationToken) ?? "Tag renamed.");
        return LocalRedirect(AdminUrls.Tags);
    }

    [HttpPost("merge")]
    public async Task<IActionResult> Merge([FromForm] int sourceId, [FromForm] int targetId, CancellationToken cancellationToken)
    {
        Flash(await taxonomy.MergeTagsAsync(sourceId, targetId, cancellationToken) ?? "Tags merged.");
        return LocalRedirect(AdminUrls.Tags);
    }
}
