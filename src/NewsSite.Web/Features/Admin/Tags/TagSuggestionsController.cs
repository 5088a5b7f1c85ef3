using Microsoft.AspNetCore.Mvc;

namespace NewsSite.Web.Features.Admin.Tags;

/// <summary>
/// The editor's tag autocomplete. Apart from the Tags page because every writer tags their stories, while only those
/// who manage the site may rename or merge tags.
/// </summary>
public sealed class TagSuggestionsController(TagDirectory directory) : AdminController
{
    [HttpGet(AdminUrls.TagSuggestions)]
    public async Task<IActionResult> Suggest(string? q, CancellationToken cancellationToken) =>
        Json(await directory.SuggestAsync(q, cancellationToken));
}
