using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>Editors' corrections to a published story, posted from the editor's side panel (_Corrections); and sending one to the story's newsletter readers.</summary>
[Authorize(Policy = Policies.Publish)]
[Route("/admin/articles/{id:int}/corrections")]
public sealed class CorrectionsController(ArticleCorrections corrections, CorrectionNotices notices) : AdminController
{
    [HttpPost("")]
    public async Task<IActionResult> Add(int id, [FromForm] CorrectionKind kind, [FromForm] string? text, [FromForm] bool? showAtTop, CancellationToken cancellationToken) =>
        Done(id, await corrections.AddAsync(id, kind, text, showAtTop, User, cancellationToken), "Correction published: it is on the story and the corrections page.");

    [HttpPost("{correctionId:int}")]
    public async Task<IActionResult> Edit(int id, int correctionId, [FromForm] CorrectionKind kind, [FromForm] string? text, [FromForm] bool showAtTop, CancellationToken cancellationToken) =>
        Done(id, await corrections.EditAsync(id, correctionId, kind, text, showAtTop, cancellationToken), "Correction changed.");

    [HttpPost("{correctionId:int}/delete")]
    public async Task<IActionResult> Delete(int id, int correctionId, CancellationToken cancellationToken) =>
        Done(id, await corrections.DeleteAsync(id, correctionId, cancellationToken), "Correction deleted (its words are kept in the audit log).");

    // Mail to subscribers, like sending a newsletter, also asks for the policy that manages them.
    [HttpPost("{correctionId:int}/send")]
    [Authorize(Policy = Policies.ManageSite)]
    public async Task<IActionResult> Send(int id, int correctionId, CancellationToken cancellationToken)
    {
        var (outcome, count) = await notices.SendAsync(id, correctionId, cancellationToken);
        if (outcome == CorrectionSendOutcome.NotFound)
        {
            return NotFound();
        }
        Flash(outcome switch
        {
            CorrectionSendOutcome.Queued => $"Correction queued for the {count:N0} people who received the story in a newsletter.",
            CorrectionSendOutcome.AlreadySent => "This correction has already been sent; it is not sent twice.",
            _ => "Nobody to send it to: the story did not go out in a newsletter, or its readers have all unsubscribed.",
        });
        return LocalRedirect(AdminUrls.Article(id) + "#corrections");
    }

    private IActionResult Done(int id, ArticleCorrections.Result result, string message)
    {
        switch (result)
        {
            case ArticleCorrections.Result.NotFound:
                return NotFound();
            case ArticleCorrections.Result.Invalid:
                Flash($"A correction needs a kind and some text, up to {CorrectionsPanel.MaxLength:N0} characters.");
                break;
            default:
                Flash(message);
                break;
        }
        return LocalRedirect(AdminUrls.Article(id) + "#corrections");
    }
}
