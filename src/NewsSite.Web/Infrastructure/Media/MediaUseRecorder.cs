using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Keeps <see cref="ArticleMediaUse"/> true at every save that changes a story's text, its picture or its live entries,
/// in the same transaction: the media library then answers "used in" and refuses to delete a used image from an index,
/// where it used to search every body (47 s for a page of images at 100,000 stories). Doing it here, where every write
/// passes, means no writer (the desk, the live desk, imports, merges, samples) can forget to. A story uses an image it
/// names as <c>media:42</c>, shows as its picture, or links by its stored address (<c>/media/2026/11/…</c>, the
/// original or a resized copy). The migration that made the table filled it by the same rule.
/// </summary>
public sealed partial class MediaUseRecorder : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // A synchronous save queries synchronously: the task is complete when it returns.
        if (eventData.Context is NewsDbContext db)
        {
            RecordAsync(db, synchronous: true, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NewsDbContext db)
        {
            await RecordAsync(db, synchronous: false, cancellationToken);
        }
        return result;
    }

    private static async Task RecordAsync(NewsDbContext db, bool synchronous, CancellationToken cancellationToken)
    {
        var rows = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var changedStories = rows.Where(e => e.Entity is Article && e.State != EntityState.Deleted
                && (e.State == EntityState.Added || e.Property(nameof(Article.BodyMarkdown)).IsModified || e.Property(nameof(Article.HeroMediaId)).IsModified))
            .Select(e => (Article)e.Entity).ToList();
        var changedEntries = rows.Where(e => e.Entity is LiveEntry && (e.State != EntityState.Modified
                || e.Property(nameof(LiveEntry.BodyMarkdown)).IsModified || e.Property(nameof(LiveEntry.DeletedAt)).IsModified))
            .ToList();
        if (changedStories.Count == 0 && changedEntries.Count == 0)
        {
            return;
        }
        // A story being deleted takes its uses with it (the foreign key cascades).
        var deletedStoryIds = rows.Where(e => e is { Entity: Article, State: EntityState.Deleted }).Select(e => ((Article)e.Entity).Id).ToHashSet();
        var stories = changedStories.Select(a => new Story(a, a.Id, [a.BodyMarkdown], a.HeroMediaId)).ToList();
        Story? Find(int id, Article? article) => stories.Find(s => (article is not null && s.Article == article) || (id > 0 && s.Id == id));

        // A live entry's story is usually not loaded: its picture and text are read, not tracked (a story is 20 KB).
        var unloaded = changedEntries.Select(e => (LiveEntry)e.Entity).Select(e => e.Article?.Id ?? e.ArticleId)
            .Where(id => id > 0 && !deletedStoryIds.Contains(id) && Find(id, null) is null).Distinct().ToList();
        if (unloaded.Count > 0)
        {
            stories.AddRange((await ListAsync(db.Articles.AsNoTracking().Where(a => unloaded.Contains(a.Id))
                    .Select(a => new { a.Id, a.BodyMarkdown, a.HeroMediaId }), synchronous, cancellationToken))
                .Select(a => new Story(null, a.Id, [a.BodyMarkdown], a.HeroMediaId)));
        }

        // Every live entry on the story's page counts, not only those in this save: the others as the database has them.
        var savedIds = stories.Where(s => s.Id > 0).Select(s => s.Id).ToList();
        var changedEntryIds = changedEntries.Select(e => ((LiveEntry)e.Entity).Id).Where(id => id > 0).ToHashSet();
        if (savedIds.Count > 0)
        {
            foreach (var entry in await ListAsync(db.LiveEntries.AsNoTracking().Where(e => savedIds.Contains(e.ArticleId) && e.DeletedAt == null)
                         .Select(e => new { e.Id, e.ArticleId, e.BodyMarkdown }), synchronous, cancellationToken))
            {
                if (!changedEntryIds.Contains(entry.Id))
                {
                    Find(entry.ArticleId, null)?.Texts.Add(entry.BodyMarkdown);
                }
            }
        }
        // A removed entry is kept on record but shows nothing.
        foreach (var entry in changedEntries.Where(e => e.State != EntityState.Deleted).Select(e => (LiveEntry)e.Entity).Where(e => e.DeletedAt is null))
        {
            Find(entry.ArticleId, entry.Article)?.Texts.Add(entry.BodyMarkdown);
        }

        // Which of the mentioned images exist: a text may name one that was never uploaded, or is gone.
        var mentionedIds = stories.SelectMany(s => s.Texts.SelectMany(BodyImages.IdsIn)).Concat(stories.Select(s => s.Hero).OfType<int>()).Distinct().ToList();
        var mentionedPaths = stories.SelectMany(s => s.Texts.SelectMany(StoredStemsIn))
            .SelectMany(stem => StoredExtensions.Select(extension => stem + extension)).Distinct().ToList();
        var images = await ListAsync(db.Media.AsNoTracking().Where(m => mentionedIds.Contains(m.Id) || mentionedPaths.Contains(m.StoragePath))
            .Select(m => new { m.Id, m.StoragePath }), synchronous, cancellationToken);
        var existing = images.Select(m => m.Id).ToHashSet();
        var idByStem = images.ToDictionary(m => m.StoragePath[..^Path.GetExtension(m.StoragePath).Length], m => m.Id, StringComparer.OrdinalIgnoreCase);

        var recorded = savedIds.Count == 0 ? [] : await ListAsync(db.ArticleMediaUses.Where(u => savedIds.Contains(u.ArticleId)), synchronous, cancellationToken);
        foreach (var story in stories)
        {
            var uses = story.Texts.SelectMany(BodyImages.IdsIn).Where(existing.Contains)
                .Concat(story.Texts.SelectMany(StoredStemsIn).Select(stem => idByStem.GetValueOrDefault(stem)).Where(id => id > 0))
                .Concat(story.Hero is { } hero && existing.Contains(hero) ? [hero] : [])
                .ToHashSet();
            var before = recorded.Where(u => story.Id > 0 && u.ArticleId == story.Id).ToList();
            db.ArticleMediaUses.RemoveRange(before.Where(u => !uses.Contains(u.MediaId)));
            foreach (var mediaId in uses.Except(before.Select(u => u.MediaId)))
            {
                // A new story has no id yet: the navigation lets the save fill it in.
                db.ArticleMediaUses.Add(story.Article is { } article
                    ? new ArticleMediaUse { Article = article, MediaId = mediaId }
                    : new ArticleMediaUse { ArticleId = story.Id, MediaId = mediaId });
            }
        }
    }

    /// <summary>A story whose uses this save decides: the tracked entity when there is one, its texts (body and live entries) and its picture.</summary>
    private sealed record Story(Article? Article, int Id, List<string> Texts, int? Hero);

    /// <summary>"2026/11/" and the 32 hex digits ImageProcessor names a stored image by, wherever the text links /media/…: the original or a resized copy.</summary>
    public static IEnumerable<string> StoredStemsIn(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains(MediaUrls.RequestPath + "/", StringComparison.OrdinalIgnoreCase)
            ? [] : StoredAddress().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct();

    // What ImageProcessor stores (a GIF becomes a PNG); older papers' imports may have kept ".jpeg" or ".gif".
    private static readonly string[] StoredExtensions = [".jpg", ".png", ".webp", ".jpeg", ".gif"];

    private static Task<List<T>> ListAsync<T>(IQueryable<T> query, bool synchronous, CancellationToken cancellationToken) =>
        synchronous ? Task.FromResult(query.ToList()) : query.ToListAsync(cancellationToken);

    [GeneratedRegex(@"/media/(\d{4}/\d{2}/[0-9a-f]{32})", RegexOptions.IgnoreCase)]
    private static partial Regex StoredAddress();
}
