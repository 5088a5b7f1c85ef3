using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Newsletter.Issues;

namespace NewsSite.Web.Features.Newsletter.Archive;

public sealed record ArchivedIssue(int Id, string Subject, string NewsletterName, string NewsletterSlug, DateTime SentAt);

public sealed record ArchiveNewsletter(string Name, string Slug, string Description);

public sealed record ArchiveListing(ArchiveNewsletter? Newsletter, IReadOnlyList<ArchiveNewsletter> Newsletters, IReadOnlyList<ArchivedIssue> Issues);

public sealed record IssueWebVersion(ArchivedIssue Issue, IReadOnlyList<string> Intro, IReadOnlyList<NewsletterStory> Stories);

/// <summary>
/// Past issues as anyone can read them: only issues that went out (a draft, even a scheduled one, is nobody's
/// business), and never anybody's personal links. Cached like every public page; sending an issue evicts the cache.
/// </summary>
public sealed class NewsletterArchive(NewsDbContext db, NewsletterIssueQueue issues)
{
    private const int ListLength = 100;

    /// <summary>Every newsletter's issues (<paramref name="slug"/> null) or one's; null when there is no such newsletter.</summary>
    public async Task<ArchiveListing?> ListAsync(string? slug, CancellationToken cancellationToken)
    {
        var newsletters = await db.Newsletters.AsNoTracking()
            .Where(n => n.IsActive || db.NewsletterIssues.Any(i => i.NewsletterId == n.Id && i.Status == NewsletterIssueStatus.Sending))
            .OrderBy(n => n.Position).ThenBy(n => n.Name)
            .Select(n => new ArchiveNewsletter(n.Name, n.Slug, n.Description)).ToListAsync(cancellationToken);
        var newsletter = slug is null ? null : newsletters.FirstOrDefault(n => n.Slug == slug);
        if (slug is not null && newsletter is null)
        {
            return null;
        }
        var sent = Sent();
        if (slug is not null)
        {
            sent = sent.Where(i => i.Newsletter!.Slug == slug);
        }
        var list = await sent.OrderByDescending(i => i.QueuedAt).Take(ListLength)
            .Select(i => new ArchivedIssue(i.Id, i.Subject, i.Newsletter!.Name, i.Newsletter.Slug, i.QueuedAt!.Value)).ToListAsync(cancellationToken);
        return new ArchiveListing(newsletter, newsletters, list);
    }

    public async Task<IssueWebVersion?> IssueAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var issue = await Sent().Where(i => i.Id == id && i.Newsletter!.Slug == slug)
            .Select(i => new { i.Intro, Row = new ArchivedIssue(i.Id, i.Subject, i.Newsletter!.Name, i.Newsletter.Slug, i.QueuedAt!.Value) })
            .FirstOrDefaultAsync(cancellationToken);
        return issue is null ? null : new IssueWebVersion(issue.Row, NewsletterEmails.Paragraphs(issue.Intro), await issues.StoriesAsync(id, cancellationToken));
    }

    private IQueryable<NewsletterIssue> Sent() =>
        db.NewsletterIssues.AsNoTracking().Where(i => i.Status == NewsletterIssueStatus.Sending && i.QueuedAt != null);
}
