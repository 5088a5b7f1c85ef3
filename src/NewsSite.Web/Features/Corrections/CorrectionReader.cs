using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Feeds;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Corrections;

/// <summary>A correction as a story shows it.</summary>
public sealed record CorrectionView(int Id, CorrectionKind Kind, string Text, DateTime At, bool ShowAtTop)
{
    public string Label => CorrectionKinds.Label(Kind);

    /// <summary>The correction's own anchor on its story's page, linked from the corrections page and feed.</summary>
    public string Anchor => CorrectionKinds.Anchor(Id);
}

/// <summary>A correction on the public corrections page: with the story it belongs to.</summary>
public sealed record CorrectionListing(int Id, CorrectionKind Kind, string Text, DateTime At, string ArticleTitle, string ArticleUrl)
{
    public string Label => CorrectionKinds.Label(Kind);

    public string Url => ArticleUrl + "#" + CorrectionKinds.Anchor(Id);
}

public static class CorrectionKinds
{
    public static readonly IReadOnlyList<CorrectionKind> All = Enum.GetValues<CorrectionKind>();

    public static string Label(CorrectionKind kind) => kind switch
    {
        CorrectionKind.Correction => "Correction",
        CorrectionKind.Clarification => "Clarification",
        CorrectionKind.Update => "Update",
        CorrectionKind.EditorsNote => "Editor’s note",
        CorrectionKind.Retraction => "Retraction",
        _ => kind.ToString(),
    };

    /// <summary>Corrections and retractions go at the top unless the editor chooses otherwise: a reader must not miss them.</summary>
    public static bool AtTopByDefault(CorrectionKind kind) => kind is CorrectionKind.Correction or CorrectionKind.Retraction;

    public static string Anchor(int id) => $"correction-{id}";

    /// <summary>The CSS modifier of a kind: "correction-retraction" and so on.</summary>
    public static string CssClass(CorrectionKind kind) => "correction-" + kind.ToString().ToLowerInvariant();
}

/// <summary>Corrections as readers see them: on a story, on the corrections page and in its feed. Only published stories' corrections are public.</summary>
public sealed class CorrectionReader(NewsDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;
    private const int FeedCount = 30;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<CorrectionView>> ForArticleAsync(int articleId, CancellationToken cancellationToken) =>
        await db.Corrections.AsNoTracking().Where(c => c.ArticleId == articleId)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CorrectionView(c.Id, c.Kind, c.Text, c.At, c.ShowAtTop))
            .ToListAsync(cancellationToken);

    /// <summary>One page of every public correction, newest first; null for a page below 1.</summary>
    public async Task<Paged<CorrectionListing>?> PageAsync(int page, CancellationToken cancellationToken)
    {
        if (page < 1)
        {
            return null;
        }
        var visible = Public();
        var total = await visible.CountAsync(cancellationToken);
        var items = await Listings(visible).Skip(Paged<CorrectionListing>.Skip(page, PageSize)).Take(PageSize).ToListAsync(cancellationToken);
        return new Paged<CorrectionListing>(items, page, PageSize, total);
    }

    public async Task<FeedSource> FeedAsync(string siteName, CancellationToken cancellationToken)
    {
        var items = await Listings(Public()).Take(FeedCount).ToListAsync(cancellationToken);
        return new FeedSource($"{siteName}: corrections and updates", $"Every correction, clarification and update {siteName} has made to a story, newest first.",
            SiteUrls.Corrections,
            items.Select(c => new FeedItem(c.Id, $"{c.Label}: {c.ArticleTitle}", c.Url, c.Text, c.At, c.At, c.Label, [], [])).ToList());
    }

    public async Task<DateTime?> LastChangeAsync(CancellationToken cancellationToken) =>
        await Public().MaxAsync(c => (DateTime?)c.At, cancellationToken);

    private IQueryable<Correction> Public()
    {
        var now = Now;
        // As PublicArticleQueries.VisibleAt: a story in the trash is unpublished on the way in.
        return db.Corrections.AsNoTracking().Where(c => c.Article.Status == ArticleStatus.Published && c.Article.PublishedAt <= now);
    }

    private static IQueryable<CorrectionListing> Listings(IQueryable<Correction> corrections) =>
        corrections.OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new CorrectionListing(c.Id, c.Kind, c.Text, c.At, c.Article.Title, SiteUrls.Article(c.Article.Section.Slug, c.Article.Slug)));
}
