using Microsoft.AspNetCore.Mvc;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>Creating and revoking a story's shared preview links (listed in the editor by _PreviewLinks).</summary>
[Route("/admin/articles/{id:int}/preview-links")]
public sealed class PreviewLinksController(PreviewLinks links) : AdminController
{
    [HttpPost("")]
    public async Task<IActionResult> Create(int id, [FromForm] int days, CancellationToken cancellationToken)
    {
        if (!await links.CreateAsync(id, days, User, cancellationToken))
        {
            return NotFound();
        }
        Flash("Preview link created: copy it from the list of preview links.");
        return LocalRedirect(AdminUrls.Article(id) + "#preview-links");
    }

    [HttpPost("{linkId:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, int linkId, CancellationToken cancellationToken)
    {
        if (!await links.RevokeAsync(id, linkId, User, cancellationToken))
        {
            return NotFound();
        }
        Flash("Preview link revoked: it no longer opens the story.");
        return LocalRedirect(AdminUrls.Article(id) + "#preview-links");
    }
}
