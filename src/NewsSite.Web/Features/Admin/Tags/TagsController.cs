using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Sections;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Tags;

public sealed record TagsPage(Paged<TagRow> Tags, string? Query) : IAdminPage
{
    public string Title => "Tags";
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/tags")]
public sealed class TagsController(TaxonomyEditor taxonomy, TagDirectory directory) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q = null, int page = 1, CancellationToken cancellationToken = default)
    {
        var tags = await directory.PageAsync(q, Math.Max(page, 1), cancellationToken);
        return tags.IsOutOfRange ? NotFound() : View(new TagsPage(tags, q));
    }

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
