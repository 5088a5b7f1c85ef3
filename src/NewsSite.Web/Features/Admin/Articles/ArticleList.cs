using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Admin.Articles;

public sealed record ArticleRow(int Id, string Title, string SectionName, ArticleStatus Status, bool InTrash, bool ReviewRequested, DateTime? PublishedAt, DateTime UpdatedAt, string? Byline, string? CreatedByUserId);

public sealed record ArticleListPage(Paged<ArticleRow> Articles, string Filter, string? Query, string CurrentUserId, bool CanPublish) : IAdminPage
{
    public string Title => "Articles";

    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
        [("all", "All"), ("mine", "Mine"), ("drafts", "Drafts"), ("review", "Awaiting review"), ("scheduled", "Scheduled"), ("published", "Published"), ("trash", "Trash")];
}

public sealed record RevisionRow(int Number, DateTime CreatedAt, string CreatedByName, string Note, string Title, bool IsAutosave = false)
{
    /// <summary>What the revision is, as the list says it: an autosave is someone's working copy, not the story.</summary>
    public string What => IsAutosave ? "Autosave (working copy, not on the site)" : Note;
}

public sealed record RevisionsPage(int ArticleId, string ArticleTitle, IReadOnlyList<RevisionRow> Revisions) : IAdminPage
{
    public string Title => $"Revisions: {ArticleTitle}";
}

public sealed record ComparePage(int ArticleId, string ArticleTitle, RevisionRow From, RevisionRow To,
    IReadOnlyList<DiffSegment> TitleDiff, IReadOnlyList<DiffSegment> StandfirstDiff, IReadOnlyList<DiffSegment> BodyDiff, IReadOnlyList<DetailChange> Details) : IAdminPage
{
    public string Title => $"Compare revisions {From.Number} and {To.Number}";
}

/// <summary>The newsroom's lists: articles by state, and an article's revisions.</summary>
public sealed class ArticleList(NewsDbContext db, ArticleAccess access, Infrastructure.Database.IDatabaseProvider database)
{
    private const int PageSize = 25;

    public async Task<Paged<ArticleRow>> ListAsync(string filter, string? query, ClaimsPrincipal user, int page, CancellationToken cancellationToken)
    {
        var currentUserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var articles = db.Articles.AsNoTracking().Where((await access.RightsOfAsync(user)).Readable);
        articles = filter switch
        {
            "trash" => articles.Where(a => a.DeletedAt != null),
            "mine" => articles.Where(a => a.DeletedAt == null && a.CreatedByUserId == currentUserId),
            "drafts" => articles.Where(a => a.DeletedAt == null && a.Status == ArticleStatus.Draft),
            "review" => articles.Where(a => a.DeletedAt == null && a.Status == ArticleStatus.Draft && a.ReviewRequestedAt != null),
            "scheduled" => articles.Where(a => a.DeletedAt == null && a.Status == ArticleStatus.Scheduled),
            "published" => articles.Where(a => a.DeletedAt == null && a.Status == ArticleStatus.Published),
            _ => articles.Where(a => a.DeletedAt == null),
        };
        if (!string.IsNullOrWhiteSpace(query))
        {
            articles = database.WhereContainsIgnoringCase(articles, query, a => a.Title);
        }
        var skip = Paged<ArticleRow>.Skip(page, PageSize);
        var rows = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(PageSize)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Section.Name, a.Status, a.DeletedAt != null, a.ReviewRequestedAt != null, a.PublishedAt, a.UpdatedAt,
                a.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).FirstOrDefault(), a.CreatedByUserId))
            .ToListAsync(cancellationToken);
        // A first page that is not full is the whole list. Counting it would read every title a second time, and a
        // search that finds little has to read all of them (100,000 at a large paper) to know it.
        var total = skip == 0 && rows.Count < PageSize ? rows.Count : await articles.CountAsync(cancellationToken);
        return new Paged<ArticleRow>(rows, page, PageSize, total);
    }

    public async Task<RevisionsPage?> RevisionsAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var title = await db.Articles.Where((await access.RightsOfAsync(user)).Readable).Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return null;
        }
        // A working copy is its author's own until they save it: nobody else sees it, compares it or restores it.
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId && (!r.IsAutosave || r.CreatedByUserId == me)).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.CreatedAt, r.CreatedByUserId, r.CreatedByName, r.Note, r.Title, r.IsAutosave }).ToListAsync(cancellationToken);
        var names = await db.DisplayNamesAsync(revisions.Select(r => r.CreatedByUserId), cancellationToken);
        return new RevisionsPage(articleId, title, revisions
            .Select(r => new RevisionRow(r.Number, r.CreatedAt, By(r.CreatedByUserId, r.CreatedByName, names), r.Note, r.Title, r.IsAutosave)).ToList());
    }

    public async Task<ComparePage?> CompareAsync(int articleId, int from, int to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var articleTitle = await db.Articles.Where((await access.RightsOfAsync(user)).Readable).Where(a => a.Id == articleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (articleTitle is null)
        {
            return null;
        }
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var pair = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId && (r.Number == from || r.Number == to) && (!r.IsAutosave || r.CreatedByUserId == me))
            .ToListAsync(cancellationToken);
        var older = pair.FirstOrDefault(r => r.Number == from);
        var newer = pair.FirstOrDefault(r => r.Number == to);
        if (older is null || newer is null)
        {
            return null;
        }
        var names = await db.DisplayNamesAsync([older.CreatedByUserId, newer.CreatedByUserId], cancellationToken);
        return new ComparePage(articleId, articleTitle,
            new RevisionRow(older.Number, older.CreatedAt, By(older.CreatedByUserId, older.CreatedByName, names), older.Note, older.Title, older.IsAutosave),
            new RevisionRow(newer.Number, newer.CreatedAt, By(newer.CreatedByUserId, newer.CreatedByName, names), newer.Note, newer.Title, newer.IsAutosave),
            RevisionDiff.Words(older.Title, newer.Title),
            RevisionDiff.Words(older.Standfirst, newer.Standfirst),
            RevisionDiff.Words(older.BodyMarkdown, newer.BodyMarkdown),
            RevisionDiff.Details(RevisionDetails.FromJson(older.Details), RevisionDetails.FromJson(newer.Details)));
    }

    /// <summary>
    /// "By" names a person: revisions once stored the email address someone signed in with, so where the name kept
    /// looks like one, the account's display name is shown instead (when the account still exists).
    /// </summary>
    private static string By(string? userId, string storedName, Dictionary<string, string> displayNames) =>
        (string.IsNullOrWhiteSpace(storedName) || storedName.Contains('@')) && userId is not null && displayNames.TryGetValue(userId, out var name)
            ? name
            : storedName;
}
