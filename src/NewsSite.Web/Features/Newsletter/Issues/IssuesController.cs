using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Subscribers;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Web.Features.Newsletter.Issues;

public sealed record IssueForm
{
    public int? Id { get; init; }

    [Required(ErrorMessage = "Write a subject line."), StringLength(200, ErrorMessage = "Keep the subject under 200 characters.")]
    public string Subject { get; init; } = "";

    [StringLength(5000, ErrorMessage = "Keep the introduction under 5,000 characters.")]
    public string? Intro { get; init; }

    public List<int> ArticleIds { get; init; } = [];

    /// <summary>When it goes out by itself, on the paper's clock (a datetime-local field); empty waits for Send.</summary>
    public DateTime? ScheduleAt { get; init; }

    [StringLength(200, ErrorMessage = "Keep the inbox line under 200 characters.")]
    public string? Preheader { get; init; }

    /// <summary>Words to find stories by headline ("Find stories" saves, then shows what matches).</summary>
    public string? Query { get; init; }

    /// <summary>"articleId:-1" or "articleId:1": move a chosen story up or down (a button that works without script).</summary>
    public string? Move { get; init; }

    /// <summary>The newsletter whose subscribers get the issue.</summary>
    public int NewsletterId { get; init; } = Signup.SignupService.FirstNewsletterId;
}

public sealed record IssuesPage(IReadOnlyList<IssueRow> Issues, int FailedEmails) : IAdminPage
{
    public string Title => "Newsletters";
}

public sealed record IssuePage(IssueForm Form, IReadOnlyList<ArticleChoice> Chosen, IReadOnlyList<ArticleChoice> Stories, NewsletterIssueStatus Status, IssueProgress? Progress, int ConfirmedSubscribers,
    IReadOnlyList<Newsletters.NewsletterChoice> Newsletters, IReadOnlyList<NewsletterIssueQueue.LinkCount>? Links = null, long Opens = 0, bool CountsOpens = false) : IAdminPage
{
    public string Title => Form.Id is null ? "New issue" : $"Issue: {Form.Subject}";
}

public sealed record PreviewPage(int Id, string Subject, string Html, string Text) : IAdminPage
{
    public string Title => $"Preview: {Subject}";
}

[Authorize(Policy = Policies.ManageSite), Route("/admin/newsletters")]
public sealed class IssuesController(NewsletterIssueQueue issues, Newsletters.NewsletterLists lists, Shared.DateDisplay dates, UserManager<StaffUser> users,
    Microsoft.Extensions.Options.IOptions<NewsletterOptions> newsletterOptions) : AdminController
{
    // Stands where a subscriber's own unsubscribe token goes in previews; it matches no subscriber.
    private const string PreviewToken = "preview-not-a-real-token";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new IssuesPage(await issues.ListAsync(cancellationToken), await issues.FailedEmailsAsync(cancellationToken)));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) => View("Issue", await PageAsync(new IssueForm(), NewsletterIssueStatus.Draft, null, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Issue(int id, [FromQuery] string? q, CancellationToken cancellationToken)
    {
        var draft = await issues.LoadAsync(id, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }
        var (links, opens) = await issues.CountsAsync(id, cancellationToken);
        return View((await PageAsync(
            new IssueForm { Id = draft.Id, Subject = draft.Subject, Intro = draft.Intro, ArticleIds = draft.ArticleIds.ToList(), NewsletterId = draft.NewsletterId,
                ScheduleAt = draft.ScheduledFor is { } at ? dates.ToLocal(at) : null, Preheader = draft.Preheader, Query = q }, draft.Status, draft.Progress, cancellationToken)) with
            {
                Links = links, Opens = opens, CountsOpens = newsletterOptions.Value.CountOpens,
            });
    }

    [HttpPost("save")]
    public async Task<IActionResult> Save(IssueForm form, CancellationToken cancellationToken)
    {
        if (form.Id is { } existing && await issues.LoadAsync(existing, cancellationToken) is null)
        {
            return NotFound();
        }
        DateTime? scheduledFor = form.ScheduleAt is { } local ? dates.FromLocal(local) : null;
        if (form.ScheduleAt is not null && scheduledFor is null)
        {
            ModelState.AddModelError(nameof(IssueForm.ScheduleAt), "The clocks skip that time; choose another.");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Issue", await PageAsync(form, NewsletterIssueStatus.Draft, null, cancellationToken));
        }
        var id = await issues.SaveAsync(form.Id, form.Subject, form.Intro, Reordered(form.ArticleIds, form.Move), User.Identity?.Name ?? "", cancellationToken, form.NewsletterId,
            new IssueTiming(scheduledFor, form.Preheader));
        if (id is null)
        {
            Flash("This newsletter has been sent and can no longer change.");
            return LocalRedirect(form.Id is { } sent ? AdminUrls.Newsletter(sent) : AdminUrls.Newsletters);
        }
        if (form.Move is null)
        {
            Flash(scheduledFor is { } due ? $"Saved; it goes out by itself on {dates.LongWithZone(due)}." : "Saved.");
        }
        var editor = AdminUrls.Newsletter(id.Value);
        return LocalRedirect(string.IsNullOrWhiteSpace(form.Query) ? editor : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(editor, "q", form.Query.Trim()));
    }

    /// <summary>The send counts as JSON, polled by the issue page while it sends.</summary>
    [HttpGet("{id:int}/progress.json")]
    public async Task<IActionResult> Progress(int id, CancellationToken cancellationToken)
    {
        var draft = await issues.LoadAsync(id, cancellationToken);
        return draft is null ? NotFound() : Json(new { queued = draft.Progress.Queued, sent = draft.Progress.Sent, waiting = draft.Progress.Waiting, failed = draft.Progress.Failed, done = draft.Progress.Waiting == 0 });
    }

    private static List<int> Reordered(List<int> ids, string? move)
    {
        var parts = (move ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var articleId) || !int.TryParse(parts[1], out var direction) || ids.IndexOf(articleId) is var at && at < 0)
        {
            return ids;
        }
        var to = Math.Clamp(at + Math.Sign(direction), 0, ids.Count - 1);
        var list = ids.ToList();
        (list[at], list[to]) = (list[to], list[at]);
        return list;
    }

    [Authorize(Policy = Policies.Publish), HttpPost("from-article/{articleId:int}")]
    public async Task<IActionResult> FromArticle(int articleId, CancellationToken cancellationToken)
    {
        var id = await issues.DraftFromArticleAsync(articleId, User.Identity?.Name ?? "", cancellationToken);
        if (id is null)
        {
            Flash("Only a published story can go out in a newsletter.");
            return LocalRedirect(AdminUrls.Article(articleId));
        }
        Flash("A newsletter with this story is ready. Add an introduction or more stories, preview it, then send.");
        return LocalRedirect(AdminUrls.Newsletter(id.Value));
    }

    [HttpGet("{id:int}/preview")]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var template = await issues.RenderAsync(id, cancellationToken);
        if (template is null)
        {
            return NotFound();
        }
        // As a subscriber gets it, with a sample in place of their own unsubscribe token.
        var sample = template.For("subscriber@example.org", PreviewToken, "preview");
        return View(new PreviewPage(id, template.Subject, sample.HtmlBody, sample.TextBody));
    }

    /// <summary>The HTML email alone, for the preview's frame: exactly what a mail client receives.</summary>
    [HttpGet("{id:int}/preview.html")]
    public async Task<IActionResult> PreviewHtml(int id, CancellationToken cancellationToken)
    {
        var template = await issues.RenderAsync(id, cancellationToken);
        if (template is null)
        {
            return NotFound();
        }
        // Shown in a sandboxed frame of our own page: allow that, and nothing else.
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'; script-src 'none'";
        return Content(template.For("subscriber@example.org", PreviewToken, "preview").HtmlBody, "text/html; charset=utf-8");
    }

    [HttpPost("{id:int}/test")]
    public async Task<IActionResult> SendTest(int id, CancellationToken cancellationToken)
    {
        var email = (await users.GetUserAsync(User))?.Email;
        if (email is null || !await issues.SendTestAsync(id, email, cancellationToken))
        {
            return NotFound();
        }
        Flash($"A test copy is on its way to {email}.");
        return LocalRedirect(AdminUrls.Newsletter(id));
    }

    [HttpPost("{id:int}/send")]
    public async Task<IActionResult> Send(int id, CancellationToken cancellationToken)
    {
        var (outcome, count) = await issues.SendAsync(id, cancellationToken);
        Flash(outcome switch
        {
            SendOutcome.Queued => $"Sending to {count} confirmed subscribers. Progress shows below.",
            SendOutcome.AlreadySent => "This newsletter was already sent; it was not sent again.",
            SendOutcome.NoStories => "Choose at least one story before sending.",
            _ => "That newsletter no longer exists.",
        });
        return outcome == SendOutcome.NotFound ? NotFound() : LocalRedirect(AdminUrls.Newsletter(id));
    }

    /// <summary>Queues this issue's failed messages again, attempts counted afresh.</summary>
    [HttpPost("{id:int}/retry-failed")]
    public async Task<IActionResult> RetryFailed(int id, CancellationToken cancellationToken)
    {
        var count = await issues.RetryFailedAsync(id, cancellationToken);
        if (count is null)
        {
            return NotFound();
        }
        Flash(count == 0 ? "No failed messages to retry." : $"{count} failed messages are queued again.");
        return LocalRedirect(AdminUrls.Newsletter(id));
    }

    /// <summary>Queues every failed email again: newsletters, confirmations, invitations and password resets.</summary>
    [HttpPost("retry-failed")]
    public async Task<IActionResult> RetryAllFailed(CancellationToken cancellationToken)
    {
        var count = await issues.RetryFailedAsync(null, cancellationToken);
        Flash(count == 0 ? "No failed emails to retry." : $"{count} failed emails are queued again.");
        return LocalRedirect(AdminUrls.Newsletters);
    }

    private async Task<IssuePage> PageAsync(IssueForm form, NewsletterIssueStatus status, IssueProgress? progress, CancellationToken cancellationToken)
    {
        var (chosen, found) = await issues.StoryChoicesAsync(form.Query, form.ArticleIds, cancellationToken);
        return new(form, chosen, found, status, progress, await issues.AudienceAsync(form.NewsletterId, cancellationToken), await lists.ChoicesAsync(cancellationToken));
    }
}
