using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Newsletter.Subscribers;

public sealed record SubscribersPage(Paged<SubscriberRow> Subscribers, string? Query, SubscriberStatus? Status, IReadOnlyList<SignupsByArticle> TopArticles, bool MayImportConfirmed) : IAdminPage
{
    public string Title => "Subscribers";
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/subscribers")]
public sealed class SubscribersController(SubscriberDirectory directory, IAuthorizationService authorization, TimeProvider clock) : AdminController
{
    private const long MaxImportBytes = 5 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, SubscriberStatus? status, int page = 1, CancellationToken cancellationToken = default)
    {
        var results = await directory.SearchAsync(q, status, Math.Max(page, 1), cancellationToken);
        return results.IsOutOfRange ? NotFound()
            : View(new SubscribersPage(results, q, status, await directory.TopSignupArticlesAsync(20, cancellationToken), await MayImportConfirmedAsync()));
    }

    [HttpGet("export.csv")]
    public async Task Export(string? q, SubscriberStatus? status, CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"subscribers-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
        await directory.ExportAsync(Response.Body, q, status, cancellationToken);
    }

    [HttpPost("import"), RequestSizeLimit(MaxImportBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, [FromForm] bool alreadyConfirmed, [FromForm] string? consentSource, CancellationToken cancellationToken)
    {
        consentSource = consentSource?.Trim();
        if (string.IsNullOrEmpty(consentSource) || consentSource.Length > 500 || consentSource.Any(char.IsControl))
        {
            Flash("Say where these people consented to receive the newsletter (up to 500 characters on one line): it is kept with each address.");
            return LocalRedirect(AdminUrls.Subscribers);
        }
        if (alreadyConfirmed && !await MayImportConfirmedAsync())
        {
            Flash("Only an administrator can import addresses as already confirmed. Import them without that box ticked, and each will be asked to confirm.");
            return LocalRedirect(AdminUrls.Subscribers);
        }
        if (file is null || file.Length == 0)
        {
            Flash("Choose a CSV file to import.");
            return LocalRedirect(AdminUrls.Subscribers);
        }
        if (file.Length > MaxImportBytes)
        {
            Flash("That file is over 5 MB. Split it into smaller files.");
            return LocalRedirect(AdminUrls.Subscribers);
        }
        await using var stream = file.OpenReadStream();
        var result = await directory.ImportAsync(stream, alreadyConfirmed, consentSource, User.Identity?.Name ?? "staff", cancellationToken);
        Flash($"Imported {result.Added} new addresses{(alreadyConfirmed ? " as confirmed" : ", each sent a confirmation email")}; {result.AlreadyKnown} were already on the list; "
            + $"{result.ErasedEarlier} erased earlier, not re-added; {result.Invalid} rows were not valid addresses.");
        return LocalRedirect(AdminUrls.Subscribers);
    }

    private async Task<bool> MayImportConfirmedAsync() =>
        (await authorization.AuthorizeAsync(User, Policies.ImportConfirmedSubscribers)).Succeeded;

    [HttpPost("{id:int}/erase")]
    public async Task<IActionResult> Erase(int id, CancellationToken cancellationToken)
    {
        Flash(await directory.EraseAsync(id, cancellationToken) ? "The subscriber and every email to them have been erased." : "That subscriber no longer exists.");
        return LocalRedirect(AdminUrls.Subscribers);
    }
}
