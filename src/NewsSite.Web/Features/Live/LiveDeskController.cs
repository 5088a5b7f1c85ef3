using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Admin;

namespace NewsSite.Web.Features.Live;

/// <summary>The live desk of one story: a page of plain forms, quick to use on a phone. Who may post is LiveDesk's rule.</summary>
[Route("/admin/articles/{id:int}/live")]
public sealed class LiveDeskController(LiveDesk desk) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var (outcome, page) = await desk.PageAsync(id, User, cancellationToken);
        return page is not null ? View("Desk", page) : Refused(outcome);
    }

    [HttpPost("entries")]
    public async Task<IActionResult> Add(int id, [FromForm] string? title, [FromForm] string? body, CancellationToken cancellationToken) =>
        Done(id, await desk.AddAsync(id, title, body, User, cancellationToken), "Entry posted.");

    [HttpPost("entries/{entryId:int}")]
    public async Task<IActionResult> Edit(int id, int entryId, [FromForm] string? title, [FromForm] string? body, CancellationToken cancellationToken) =>
        Done(id, await desk.EditAsync(id, entryId, title, body, User, cancellationToken), "Entry changed; readers see it marked “edited”.");

    [HttpPost("entries/{entryId:int}/pin")]
    public async Task<IActionResult> Pin(int id, int entryId, [FromForm] bool pinned, CancellationToken cancellationToken) =>
        Done(id, await desk.PinAsync(id, entryId, pinned, User, cancellationToken), pinned ? "Entry pinned to the top." : "Entry unpinned.");

    [HttpPost("entries/{entryId:int}/delete")]
    public async Task<IActionResult> Delete(int id, int entryId, CancellationToken cancellationToken) =>
        Done(id, await desk.DeleteAsync(id, entryId, User, cancellationToken), "Entry deleted (its words are kept in the audit log).");

    [HttpPost("end")]
    public async Task<IActionResult> End(int id, CancellationToken cancellationToken) =>
        Done(id, await desk.SetRunningAsync(id, running: false, User, cancellationToken), "Live coverage ended.");

    [HttpPost("resume")]
    public async Task<IActionResult> Resume(int id, CancellationToken cancellationToken) =>
        Done(id, await desk.SetRunningAsync(id, running: true, User, cancellationToken), "Live coverage resumed.");

    private IActionResult Done(int id, LiveDesk.Outcome outcome, string message)
    {
        if (outcome is LiveDesk.Outcome.NotFound or LiveDesk.Outcome.Forbidden)
        {
            return Refused(outcome);
        }
        Flash(outcome == LiveDesk.Outcome.Invalid
            ? $"An entry needs some text (up to {LiveDeskPage.MaxBodyLength:N0} characters) and a title of at most {LiveDeskPage.MaxTitleLength} characters, if any."
            : message);
        return LocalRedirect(AdminUrls.ArticleLive(id));
    }

    private IActionResult Refused(LiveDesk.Outcome outcome) => outcome == LiveDesk.Outcome.Forbidden ? Forbid() : NotFound();
}
