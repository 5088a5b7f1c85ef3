using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Media;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Authors;

/// <summary>Author profiles: one's own at /admin/profile (everyone), anyone's under /admin/authors (editors and administrators).</summary>
public sealed class ProfilesController(AuthorProfiles profiles, MediaLibrary media) : AdminController
{
    [HttpGet("/admin/profile")]
    public async Task<IActionResult> Own(CancellationToken cancellationToken)
    {
        if (await profiles.OwnAuthorIdAsync(User, cancellationToken) is { } authorId && await profiles.FormAsync(authorId, cancellationToken) is { } found)
        {
            return View("Edit", await PageAsync(found.Form, AdminUrls.Profile, found.Slug, found.Thumbnail, isOwn: true, cancellationToken));
        }
        return View("Edit", await PageAsync(await profiles.NewOwnFormAsync(User, cancellationToken), AdminUrls.Profile, null, null, isOwn: true, cancellationToken));
    }

    [HttpPost("/admin/profile")]
    public async Task<IActionResult> SaveOwn(ProfileForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await profiles.SaveOwnAsync(User, form, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }
            if (result.Problem is not { } problem)
            {
                Flash("Your profile is saved.");
                return LocalRedirect(AdminUrls.Profile);
            }
            ModelState.AddModelError("", problem);
        }
        var ownId = await profiles.OwnAuthorIdAsync(User, cancellationToken);
        var existing = ownId is { } id ? await profiles.FormAsync(id, cancellationToken) : null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", await PageAsync(form, AdminUrls.Profile, existing?.Slug, existing?.Thumbnail, isOwn: true, cancellationToken));
    }

    [Authorize(Policy = Policies.EditAnyProfile), HttpGet("/admin/authors")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await profiles.ListAsync(cancellationToken));

    [Authorize(Policy = Policies.EditAnyProfile), HttpGet("/admin/authors/{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await profiles.FormAsync(id, cancellationToken) is { } found
            ? View("Edit", await PageAsync(found.Form, AdminUrls.AuthorProfile(id), found.Slug, found.Thumbnail, isOwn: false, cancellationToken))
            : NotFound();

    [Authorize(Policy = Policies.EditAnyProfile), HttpPost("/admin/authors/{id:int}")]
    public async Task<IActionResult> Save(int id, ProfileForm form, CancellationToken cancellationToken)
    {
        var existing = await profiles.FormAsync(id, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await profiles.SaveAsync(id, form, cancellationToken);
            if (result.Problem is not { } problem)
            {
                Flash($"The profile of {form.Name} is saved.");
                return LocalRedirect(AdminUrls.AuthorProfile(id));
            }
            ModelState.AddModelError("", problem);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", await PageAsync(form, AdminUrls.AuthorProfile(id), existing.Value.Slug, existing.Value.Thumbnail, isOwn: false, cancellationToken));
    }

    private async Task<ProfilePage> PageAsync(ProfileForm form, string postUrl, string? slug, string? thumbnail, bool isOwn, CancellationToken cancellationToken)
    {
        // The newest library images, and the current photo wherever it is in the library.
        var photos = (await media.PickAsync(null, 1, cancellationToken)).Items.ToList();
        if (form.PhotoMediaId is { } current && photos.All(p => p.Id != current) && await media.ItemAsync(current, cancellationToken) is { } item)
        {
            photos.Insert(0, item);
        }
        return new ProfilePage(form, postUrl, slug is null ? null : SiteUrls.Author(slug), thumbnail, photos, isOwn);
    }
}
