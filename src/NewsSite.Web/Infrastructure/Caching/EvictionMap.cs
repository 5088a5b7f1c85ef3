using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// What a saved change evicts from the page cache, for every kind of row the database holds: the one place that says
/// which public pages show what. A kind missing here evicts everything (and a unit test fails until it is added).
/// Blocks that show other stories (related, previous/next, most read) are not followed: they may lag by at most
/// Caching:PageSeconds, the cached page's lifetime.
/// </summary>
public static class EvictionMap
{
    private delegate void Rule(EntityEntry row, Eviction eviction);

    private static readonly Rule Nothing = (_, _) => { };
    private static readonly Rule Everything = (_, eviction) => eviction.Everything();

    private static readonly Dictionary<Type, Rule> Rules = new()
    {
        // A story is on its own page and in every list it is or was in. A draft or a scheduled story is on no page.
        [typeof(Article)] = (row, eviction) => eviction.Story(row),
        // Joining or leaving a tag or a byline changes that list, and the story's own page (which names them).
        [typeof(ArticleTag)] = (row, eviction) =>
            eviction.IfStoryPublic(Id(row, nameof(ArticleTag.ArticleId)), CacheTags.Tag(Id(row, nameof(ArticleTag.TagId)))),
        [typeof(ArticleAuthor)] = (row, eviction) =>
            eviction.IfStoryPublic(Id(row, nameof(ArticleAuthor.ArticleId)), CacheTags.Author(Id(row, nameof(ArticleAuthor.AuthorId)))),
        [typeof(ArticleSlugHistory)] = (row, eviction) => eviction.IfStoryPublic(Id(row, nameof(ArticleSlugHistory.ArticleId))),
        // A correction is on its story and on the corrections page (and its feeds).
        [typeof(Correction)] = (row, eviction) =>
            eviction.IfStoryPublic(Id(row, nameof(Correction.ArticleId)), CacheTags.CorrectionsPage),
        // Live entries are on their story's page and in its updates fragment; the front page marks live stories.
        [typeof(LiveEntry)] = (row, eviction) => eviction.IfStoryPublic(Id(row, nameof(LiveEntry.ArticleId)), CacheTags.FrontPage),
        [typeof(FrontPagePin)] = (_, eviction) => eviction.Add(CacheTags.FrontPage),
        // A tag's name is on its list, its feeds, the sitemap and its stories' pages; a new tag is on nothing until a
        // story carries it.
        [typeof(Tag)] = (row, eviction) =>
        {
            if (row.State != EntityState.Added)
            {
                eviction.Add(CacheTags.Tag(Id(row, nameof(Tag.Id))), CacheTags.TaggedWith((string)row.OriginalValues[nameof(Tag.Slug)]!),
                    CacheTags.Feeds, CacheTags.Sitemaps);
            }
        },
        [typeof(TagSlugHistory)] = (row, eviction) => eviction.Add(CacheTags.Tag(Id(row, nameof(TagSlugHistory.TagId)))),
        // A profile is on its list, in its stories' bylines (and their feed entries) and in the sitemap.
        [typeof(Author)] = (row, eviction) =>
        {
            if (row.State != EntityState.Added)
            {
                eviction.Add(CacheTags.Author(Id(row, nameof(Author.Id))), CacheTags.Byline((string)row.OriginalValues[nameof(Author.Slug)]!),
                    CacheTags.Feeds, CacheTags.Sitemaps);
            }
        },
        // An upload is on no page until a story uses it. A changed or deleted library image may be any story's hero,
        // an author's photo or the logo: rare enough to evict everything.
        [typeof(MediaItem)] = (row, eviction) =>
        {
            if (row.State != EntityState.Added)
            {
                eviction.Everything();
            }
        },
        // What every page shows around the story: the menu (sections), the footer (static pages), the settings, the
        // banner, the ads, and the signup box (newsletters and the sections they cover).
        [typeof(Section)] = Everything,
        [typeof(SectionSlugHistory)] = Everything,
        [typeof(StaticPage)] = Everything,
        [typeof(SiteSettings)] = Everything,
        [typeof(BreakingNews)] = Everything,
        [typeof(AdSlot)] = Everything,
        [typeof(Newsletter)] = Everything,
        [typeof(Dictionary<string, object>)] = Everything, // NewsletterSections, the one join table without a class
        // Sent issues are on the newsletter archive.
        [typeof(NewsletterIssue)] = (_, eviction) => eviction.Add(CacheTags.NewsletterArchive),
        [typeof(NewsletterIssueArticle)] = (_, eviction) => eviction.Add(CacheTags.NewsletterArchive),
        // Old addresses answer before the page cache, from a memo: emptying the memos is enough.
        [typeof(LegacyRedirect)] = (_, eviction) => eviction.MemosOnly(),
        // The newsroom's and the subscribers' own rows, and the machinery: on no public page.
        [typeof(ArticleRevision)] = Nothing,
        [typeof(ArticleMediaUse)] = Nothing, // kept beside the story's own change, which evicts what it shows
        [typeof(PreviewLink)] = Nothing,
        [typeof(ArticleNote)] = Nothing,
        [typeof(ArticlePresence)] = Nothing,
        [typeof(ImportedItem)] = Nothing,
        [typeof(PageViewCount)] = Nothing,
        [typeof(JobLease)] = Nothing,
        [typeof(Subscriber)] = Nothing,
        [typeof(NewsletterSubscription)] = Nothing,
        [typeof(Suppression)] = Nothing,
        [typeof(DeliveryEvent)] = Nothing,
        [typeof(ConsentEvent)] = Nothing,
        [typeof(NewsletterLink)] = Nothing,
        [typeof(NewsletterRecipient)] = Nothing,
        [typeof(OutboxMessage)] = Nothing,
        [typeof(OutboxTemplate)] = Nothing,
        [typeof(SiteSecret)] = Nothing,
        [typeof(AuditEntry)] = Nothing,
        [typeof(StaffSession)] = Nothing,
        [typeof(PendingFormPost)] = Nothing,
        [typeof(StaffUser)] = Nothing,
        [typeof(IdentityRole)] = Nothing,
        [typeof(IdentityUserRole<string>)] = Nothing,
        [typeof(IdentityUserClaim<string>)] = Nothing,
        [typeof(IdentityRoleClaim<string>)] = Nothing,
        [typeof(IdentityUserLogin<string>)] = Nothing,
        [typeof(IdentityUserToken<string>)] = Nothing,
        [typeof(IdentityUserPasskey<string>)] = Nothing,
        [typeof(DataProtectionKey)] = Nothing,
    };

    /// <summary>Every kind of row the map has a rule for.</summary>
    public static IReadOnlyCollection<Type> Kinds => Rules.Keys;

    /// <summary>Notes what one added, changed or deleted row evicts.</summary>
    public static void Note(EntityEntry row, Eviction eviction)
    {
        if (Rules.TryGetValue(row.Metadata.ClrType, out var rule))
        {
            rule(row, eviction);
        }
        else
        {
            eviction.Everything();
        }
    }

    /// <summary>A key or foreign key as the row has it now (a deleted row: as it had it), temporary keys included.</summary>
    private static int Id(EntityEntry row, string property) => (int)row.Property(property).CurrentValue!;
}
