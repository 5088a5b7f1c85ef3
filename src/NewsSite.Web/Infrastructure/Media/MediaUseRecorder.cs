using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>
/// Keeps <see cref="ArticleMediaUse"/> true after every save that changes a story's text, its picture or its live
/// entries: the media library then answers "used in" and refuses to delete a used image from an index, where it used
/// to search every body (47 s for a page of images at 100,000 stories). Doing it here, where every write passes, means
/// no writer (the desk, the live desk, imports, merges, samples) can forget to. A story uses an image it names as
/// <c>media:42</c>, shows as its picture, or links by its stored address (<c>/media/2026/11/…</c>, the original or a
/// resized copy), in its body or a live entry on its page. The migration that made the table filled it by the same rule.
/// <para>
/// The uses are worked out after the save commits, from what is then stored, and written with statements that cannot
/// conflict: two people saving the same live story at once (a reporter's entry, an editor's body) each see the
/// other's committed words, and neither save can fail on the other's rows. Should that step fail, the save stands and
/// the story's uses are put right at its next save.
/// </para>
/// </summary>
public sealed partial class MediaUseRecorder(ILogger<MediaUseRecorder> logger) : AfterCommitInterceptor<List<(Article? Story, int Id)>>
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A synchronous save waits for the recording: nothing in a web request's thread context can deadlock on it.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RecordNotedAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await RecordNotedAsync(eventData.Context);
        return result;
    }

    /// <summary>The stories whose text, picture or live entries this save changes; new ones by their entity, whose id the save fills in.</summary>
    private void Note(DbContext? context)
    {
        if (context is not NewsDbContext)
        {
            return;
        }
        var stories = new List<(Article?, int)>();
        foreach (var row in context.ChangeTracker.Entries())
        {
            switch (row.Entity)
            {
                case Article story when row.State == EntityState.Added ||
                    (row.State == EntityState.Modified && (row.Property(nameof(Article.BodyMarkdown)).IsModified || row.Property(nameof(Article.HeroMediaId)).IsModified)):
                    stories.Add((story, story.Id));
                    break;
                case LiveEntry entry when row.State is EntityState.Added or EntityState.Deleted ||
                    (row.State == EntityState.Modified && (row.Property(nameof(LiveEntry.BodyMarkdown)).IsModified || row.Property(nameof(LiveEntry.DeletedAt)).IsModified)):
                    stories.Add((entry.Article, entry.ArticleId));
                    break;
            }
        }
        if (stories.Count > 0)
        {
            Keep(context, stories);
        }
    }

    private async Task RecordNotedAsync(DbContext? context)
    {
        if (context is not NewsDbContext db || !TryTake(context, out var noted))
        {
            return;
        }
        // After the save, a new story's entity holds its id.
        var ids = noted.Select(n => n.Story?.Id ?? n.Id).Where(id => id > 0).Distinct().ToList();
        try
        {
            // The save has committed: this runs to the end even if the request is cancelled now.
            await RecordAsync(db, ids, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not record which images stories {StoryIds} use; their next save puts it right", ids);
        }
    }

    private static async Task RecordAsync(NewsDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        // A story deleted by the save is gone, and its uses went with it (the foreign key cascades).
        var stories = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.BodyMarkdown, a.HeroMediaId }).ToListAsync(cancellationToken);
        var entries = (await db.LiveEntries.AsNoTracking().Where(e => ids.Contains(e.ArticleId) && e.DeletedAt == null)
            .Select(e => new { e.ArticleId, e.BodyMarkdown }).ToListAsync(cancellationToken)).ToLookup(e => e.ArticleId, e => e.BodyMarkdown);
        var texts = stories.ToDictionary(s => s.Id, s => entries[s.Id].Prepend(s.BodyMarkdown).ToList());

        // Which of the mentioned images exist: a text may name one that was never uploaded, or is gone.
        var mentionedIds = texts.Values.SelectMany(t => t.SelectMany(BodyImages.IdsIn))
            .Concat(stories.Select(s => s.HeroMediaId).OfType<int>()).Distinct().ToList();
        var mentionedPaths = texts.Values.SelectMany(t => t.SelectMany(StoredStemsIn))
            .SelectMany(stem => StoredExtensions.Select(extension => stem + extension)).Distinct().ToList();
        var library = await db.Media.AsNoTracking().Where(m => mentionedIds.Contains(m.Id) || mentionedPaths.Contains(m.StoragePath))
            .Select(m => new { m.Id, m.StoragePath }).ToListAsync(cancellationToken);
        var existing = library.Select(m => m.Id).ToHashSet();
        var idByStem = library.ToDictionary(m => m.StoragePath[..^Path.GetExtension(m.StoragePath).Length], m => m.Id, StringComparer.OrdinalIgnoreCase);

        var recorded = (await db.ArticleMediaUses.AsNoTracking().Where(u => ids.Contains(u.ArticleId))
            .Select(u => new { u.ArticleId, u.MediaId }).ToListAsync(cancellationToken)).ToLookup(u => u.ArticleId, u => u.MediaId);
        foreach (var story in stories)
        {
            var uses = texts[story.Id].SelectMany(BodyImages.IdsIn).Where(existing.Contains)
                .Concat(texts[story.Id].SelectMany(StoredStemsIn).Select(stem => idByStem.GetValueOrDefault(stem)).Where(id => id > 0))
                .Concat(story.HeroMediaId is { } hero && existing.Contains(hero) ? [hero] : [])
                .ToList();
            var before = recorded[story.Id].ToHashSet();
            if (before.SetEquals(uses))
            {
                continue;
            }
            await db.ArticleMediaUses.Where(u => u.ArticleId == story.Id && !uses.Contains(u.MediaId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var mediaId in uses.Distinct().Where(id => !before.Contains(id)))
            {
                // Both engines take ON CONFLICT DO NOTHING: a use another save recorded meanwhile is simply kept.
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "ArticleMediaUses" ("ArticleId", "MediaId") VALUES ({story.Id}, {mediaId}) ON CONFLICT DO NOTHING""", cancellationToken);
            }
        }
    }

    /// <summary>"2026/11/" and the 32 hex digits ImageProcessor names a stored image by, wherever the text links /media/…: the original or a resized copy.</summary>
    private static IEnumerable<string> StoredStemsIn(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains(MediaUrls.RequestPath + "/", StringComparison.OrdinalIgnoreCase)
            ? [] : StoredAddress().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct();

    // What ImageProcessor stores (a GIF becomes a PNG); older papers' imports may have kept ".jpeg" or ".gif".
    private static readonly string[] StoredExtensions = [".jpg", ".png", ".webp", ".jpeg", ".gif"];

    [GeneratedRegex(@"/media/(\d{4}/\d{2}/[0-9a-f]{32})", RegexOptions.IgnoreCase)]
    private static partial Regex StoredAddress();
}
