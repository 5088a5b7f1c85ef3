using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

public sealed record DeliverabilityPage(IReadOnlyList<CheckResult> Checks) : IAdminPage
{
    public string Title => "Deliverability check";
}

/// <summary>Administrators' page: whether the mail the site sends meets what mailbox providers ask of bulk senders.</summary>
[Authorize(Policy = Policies.ManageSettings), Route(AdminUrls.Deliverability)]
public sealed class DeliverabilityController(DeliverabilityCheck check) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new DeliverabilityPage(await check.RunAsync(cancellationToken)));
}
