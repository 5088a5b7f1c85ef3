using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Backups;

public sealed record BackupsPage(IReadOnlyList<BackupListing> Backups, bool InProgress, string Directory, double EveryHours, int Keep) : IAdminPage
{
    public string Title => "Backups";
}

/// <summary>Administrators' page: the backups in the backups folder, and "Back up now".</summary>
[Authorize(Policy = Policies.ManageSettings), Route(AdminUrls.Backups)]
public sealed class BackupsController(BackupService backups, BackupSchedule schedule, AuditTrail audit, Microsoft.Extensions.Options.IOptions<BackupOptions> options) : AdminController
{
    [HttpGet("")]
    public IActionResult Index()
    {
        var (listed, inProgress) = backups.List();
        return View(new BackupsPage(listed, inProgress, backups.Directory, options.Value.EveryHours, options.Value.Keep));
    }

    // The backup runs in the background (a large media folder takes longer than a proxy waits for a page); the list
    // shows it when it is done.
    [HttpPost("now")]
    public async Task<IActionResult> Now(CancellationToken cancellationToken)
    {
        schedule.RequestNow();
        await audit.RecordNowAsync(AuditActions.BackupRequested, backups.Directory, cancellationToken: cancellationToken);
        Flash("The backup has started. Reload this page in a minute to see it in the list.");
        return LocalRedirect(AdminUrls.Backups);
    }
}
