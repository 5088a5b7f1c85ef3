using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Newsletter.Deliverability;

namespace NewsSite.Web.Features.Newsletter.Suppressions;

/// <summary>
/// Bounce and complaint rates, with their warnings: of one issue (its page) or of the recent issues (the list). A
/// component, so the issue pages show it with one line each.
/// </summary>
public sealed class DeliveryRatesViewComponent(DeliveryRates rates) : ViewComponent
{
    private const int RecentIssues = 10;

    public async Task<IViewComponentResult> InvokeAsync(int? issueId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        IReadOnlyList<IssueDeliveryRates> model = issueId is { } id
            ? (await rates.ForIssueAsync(id, cancellationToken) is { } one ? [one] : [])
            : await rates.RecentAsync(RecentIssues, cancellationToken);
        return View("/Features/Newsletter/Suppressions/_DeliveryRates.cshtml", model);
    }
}
