using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin.Shared;

namespace NewsSite.Web.Features.Admin.Dashboard;

public sealed record DashboardItem(int Id, string Title, DateTime At, string? Note = null);

public sealed record DashboardPage(
    IReadOnlyList<DashboardItem> AwaitingReview,
    IReadOnlyList<DashboardItem> Scheduled,
    IReadOnlyList<DashboardItem> RecentlyPublished,
    IReadOnlyList<DashboardItem> WentOutLate,
    IReadOnlyList<DashboardItem> MyDrafts,
    IReadOnlyList<DashboardItem> NewestSubscribers,
    int AwaitingReviewCount) : IAdminPage
{
    public string Title => "Dashboard";
}

public sealed class DashboardController(DashboardReader reader) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await reader.ReadAsync(User, cancellationToken));
}
