using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Evicts cached public pages after any save that changed what readers see. Doing it here, in the one place every
/// write passes through, means no editor action can forget to. It runs after the commit, so a request cannot
/// re-cache the old content between eviction and commit. (ExecuteUpdate/ExecuteDelete bypass it: evict by hand there.)
/// </summary>
public sealed class ContentChangeEvictor(IContentChangeSignal signal) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> ContentTypes =
        [typeof(Article), typeof(ArticleTag), typeof(ArticleAuthor), typeof(ArticleSlugHistory), typeof(Section), typeof(Tag), typeof(Author), typeof(AdSlot), typeof(MediaItem), typeof(SectionSlugHistory), typeof(TagSlugHistory), typeof(Correction), typeof(FrontPagePin),
        // Static pages are in every footer and the publisher's JSON-LD; the settings give twitter:site.
        typeof(StaticPage), typeof(SiteSettings),
        // What every page shows around the story: the breaking-news banner.
        typeof(BreakingNews),
        // A live story's entries are part of its page.
        typeof(LiveEntry),
        // Every signup box names the newsletter it offers (which one depends on its sections), and the archive pages
        // name them too (issues appear there when sent, evicted by the sender).
        typeof(NewsSite.Data.Entities.Newsletter),
        // Old addresses from an import answer 301 from a memo of them (Features/Imports/LegacyRedirects).
        typeof(LegacyRedirect)];

    private readonly ConditionalWeakTable<DbContext, object> pending = [];

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictIfNoted(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictIfNoted(eventData.Context, cancellationToken);
        return result;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var changed = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && (ContentTypes.Contains(e.Metadata.ClrType) || e.Metadata.Name == "NewsletterSections"));
        if (changed)
        {
            pending.AddOrUpdate(context, true);
        }
    }

    private async ValueTask EvictIfNoted(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not null && pending.Remove(context))
        {
            await signal.ContentChangedAsync(cancellationToken);
        }
    }
}
