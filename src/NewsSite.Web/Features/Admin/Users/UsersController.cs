using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Users;

public sealed record UsersPage(IReadOnlyList<StaffRow> Staff, InviteForm Invite, string CurrentUserId) : IAdminPage
{
    public string Title => "Staff";
}

public sealed record InviteForm
{
    [Required(ErrorMessage = "Enter the person's email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Enter the person's name."), StringLength(200), Display(Name = "Name")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; init; } = StaffRoles.Writer;
}

[Authorize(Policy = Policies.ManageUsers)]
public sealed class UsersController(StaffAccounts accounts) : AdminController
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new UsersPage(await accounts.ListAsync(cancellationToken), new InviteForm(), CurrentUserId));

    [HttpPost("/admin/users/invite")]
    public async Task<IActionResult> Invite([Bind(Prefix = "Invite")] InviteForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var errors = await accounts.InviteAsync(form.Email.Trim(), form.DisplayName.Trim(), form.Role, User.Identity?.Name ?? "An administrator", cancellationToken);
            if (errors.Count == 0)
            {
                Flash($"Invitation sent to {form.Email.Trim()}.");
                return LocalRedirect(AdminUrls.Users);
            }
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }
        }
        return View("Index", new UsersPage(await accounts.ListAsync(cancellationToken), form, CurrentUserId));
    }

    [HttpPost("/admin/users/{id}/role")]
    public async Task<IActionResult> ChangeRole(string id, [FromForm] string role, CancellationToken cancellationToken)
    {
        Flash(await accounts.ChangeRoleAsync(id, role, CurrentUserId, cancellationToken) ?? "Role changed.");
        return LocalRedirect(AdminUrls.Users);
    }

    [HttpPost("/admin/users/{id}/disable")]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken)
    {
        Flash(await accounts.SetDisabledAsync(id, true, CurrentUserId, cancellationToken) ?? "Account disabled.");
        return LocalRedirect(AdminUrls.Users);
    }

    [HttpPost("/admin/users/{id}/enable")]
    public async Task<IActionResult> Enable(string id, CancellationToken cancellationToken)
    {
        Flash(await accounts.SetDisabledAsync(id, false, CurrentUserId, cancellationToken) ?? "Account enabled.");
        return LocalRedirect(AdminUrls.Users);
    }
}
