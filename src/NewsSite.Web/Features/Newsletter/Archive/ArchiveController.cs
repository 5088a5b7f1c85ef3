using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Newsletter.Archive;

public sealed record ArchivePage(ArchiveListing Listing, PageMeta Meta) : IHasPageMeta;

public sealed record IssueWebPage(IssueWebVersion Issue, PageMeta Meta) : IHasPageMeta;

/// <summary>The newsletters' public archive and every sent issue's web version ("View in your browser").</summary>
[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.NewsletterArchive), NewsSite.Web.Features.Analytics.CountedPage]
public sealed class ArchiveController(NewsletterArchive archive, PageMetaFactory meta) : Controller
{
    [HttpGet("/newsletters")]
    public Task<IActionResult> Index(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    [HttpGet("/newsletters/{slug}")]
    public Task<IActionResult> Newsletter(string slug, CancellationToken cancellationToken) => ListAsync(slug, cancellationToken);

    [HttpGet("/newsletters/{slug}/{id:int}")]
    public async Task<IActionResult> Issue(string slug, int id, CancellationToken cancellationToken)
    {
        var issue = await archive.IssueAsync(slug, id, cancellationToken);
        if (issue is null)
        {
            return NotFound();
        }
        var description = issue.Stories.Count > 0 ? issue.Stories[0].Standfirst : $"An issue of {issue.Issue.NewsletterName} from {meta.Site.Name}.";
        return View(new IssueWebPage(issue, meta.Create(issue.Issue.Subject, description, SiteUrls.NewsletterIssue(slug, id))));
    }

    private async Task<IActionResult> ListAsync(string? slug, CancellationToken cancellationToken)
    {
        var listing = await archive.ListAsync(slug, cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        var title = listing.Newsletter is { } one ? $"{one.Name}: past issues" : "Newsletter archive";
        var description = listing.Newsletter?.Description is { Length: > 0 } words ? words : $"Every newsletter {meta.Site.Name} has sent, newest first.";
        return View("Index", new ArchivePage(listing, meta.Create(title, description, slug is null ? SiteUrls.NewsletterArchives : SiteUrls.NewsletterArchive(slug))));
    }
}
