using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// What one save evicts: gathered row by row (EvictionMap) before it commits, finished with what only the database
/// knows (is that story public? which lists is it in?), and carried out by ContentChangeEvictor after the commit.
/// </summary>
public sealed class Eviction
{
    private readonly HashSet<string> tags = new(StringComparer.Ordinal);
    private readonly List<(int StoryId, string[] Tags)> ifStoryPublic = [];
    private readonly HashSet<int> storiesInLists = [];
    private bool memos;

    /// <summary>
    /// What the pending save of <paramref name="db"/> evicts. <paramref name="run"/> runs a query, at once or
    /// asynchronously, so a synchronous save stays synchronous.
    /// </summary>
    public static async Task<Eviction> OfPendingSaveAsync(DbContext db, Func<IQueryable<int>, Task<List<int>>> run)
    {
        var rows = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var eviction = new Eviction();
        foreach (var row in rows)
        {
            EvictionMap.Note(row, eviction);
        }
        await eviction.CompleteAsync(db, rows, run);
        return eviction;
    }

    /// <summary>The page tags to evict; <see cref="CacheTags.Content"/> alone means every page.</summary>
    public IReadOnlyCollection<string> PageTags => tags.Contains(CacheTags.Content) ? [CacheTags.Content] : tags;

    /// <summary>Nothing public changed: no page and no memo is evicted.</summary>
    public bool IsEmpty => tags.Count == 0 && ifStoryPublic.Count == 0 && !memos;

    public void Add(params string[] pageTags) => tags.UnionWith(pageTags);

    public void Everything() => tags.Add(CacheTags.Content);

    /// <summary>No page shows the change, but a memo may hold it.</summary>
    public void MemosOnly() => memos = true;

    /// <summary>The story's page and the lists it is or was in, when it is or was public.</summary>
    public void Story(EntityEntry row)
    {
        var wasPublic = row.State != EntityState.Added && Published(row.OriginalValues);
        var isPublic = row.State != EntityState.Deleted && Published(row.CurrentValues);
        if (!wasPublic && !isPublic)
        {
            return;
        }
        tags.UnionWith([CacheTags.FrontPage, CacheTags.Feeds, CacheTags.Sitemaps, CacheTags.Search, CacheTags.ArchiveIndex, CacheTags.CorrectionsPage]);
        List<PropertyValues> versions = [];
        if (wasPublic)
        {
            versions.Add(row.OriginalValues);
        }
        if (isPublic)
        {
            versions.Add(row.CurrentValues);
        }
        foreach (var values in versions)
        {
            tags.Add(CacheTags.Section((int)values[nameof(Article.SectionId)]!));
            if (values[nameof(Article.PublishedAt)] is DateTime publishedAt)
            {
                tags.Add(CacheTags.Archive(publishedAt.Year, publishedAt.Month));
                tags.Add(CacheTags.Archive(publishedAt.Year, null));
            }
        }
        if (row.State != EntityState.Added)
        {
            var id = (int)row.Property(nameof(Article.Id)).CurrentValue!;
            tags.Add(CacheTags.Article(id));
            storiesInLists.Add(id);
        }
    }

    /// <summary>The story's own page and the given tags, if the story is or was public when this save is made.</summary>
    public void IfStoryPublic(int storyId, params string[] pageTags) => ifStoryPublic.Add((storyId, pageTags));

    /// <summary>
    /// Finishes the list from the rows this save holds and, for stories it does not hold, from the database (before
    /// the commit, so a story's old tags and authors are still there).
    /// </summary>
    private async Task CompleteAsync(DbContext db, IReadOnlyList<EntityEntry> rows, Func<IQueryable<int>, Task<List<int>>> run)
    {
        if (ifStoryPublic.Count > 0)
        {
            var held = rows.Where(r => r.Entity is Article).ToDictionary(
                r => (int)r.Property(nameof(Article.Id)).CurrentValue!,
                r => (r.State != EntityState.Added && Published(r.OriginalValues)) || (r.State != EntityState.Deleted && Published(r.CurrentValues)));
            var unknown = ifStoryPublic.Select(s => s.StoryId).Where(id => !held.ContainsKey(id)).Distinct().ToList();
            var publicInDatabase = unknown.Count == 0 ? [] : (await run(db.Set<Article>().AsNoTracking()
                .Where(a => unknown.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id))).ToHashSet();
            foreach (var (storyId, pageTags) in ifStoryPublic)
            {
                if (held.TryGetValue(storyId, out var isPublic) ? isPublic : publicInDatabase.Contains(storyId))
                {
                    tags.Add(CacheTags.Article(storyId));
                    tags.UnionWith(pageTags);
                }
            }
            ifStoryPublic.Clear();
        }
        if (storiesInLists.Count > 0 && !tags.Contains(CacheTags.Content))
        {
            var ids = storiesInLists.ToList();
            tags.UnionWith((await run(db.Set<ArticleTag>().Where(t => ids.Contains(t.ArticleId)).Select(t => t.TagId))).Select(CacheTags.Tag));
            tags.UnionWith((await run(db.Set<ArticleAuthor>().Where(a => ids.Contains(a.ArticleId)).Select(a => a.AuthorId))).Select(CacheTags.Author));
        }
    }

    private static bool Published(PropertyValues values) => (ArticleStatus)values[nameof(Article.Status)]! == ArticleStatus.Published;
}
