using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;

namespace NewsSite.Data;

public sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleSlugHistory> ArticleSlugHistory => Set<ArticleSlugHistory>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<AdSlot> AdSlots => Set<AdSlot>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<Correction> Corrections => Set<Correction>();
    public DbSet<LiveEntry> LiveEntries => Set<LiveEntry>();
    public DbSet<StaticPage> StaticPages => Set<StaticPage>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<BreakingNews> BreakingNews => Set<BreakingNews>();
    public DbSet<FrontPagePin> FrontPagePins => Set<FrontPagePin>();
    public DbSet<ArticleNote> ArticleNotes => Set<ArticleNote>();
    public DbSet<ArticlePresence> ArticlePresence => Set<ArticlePresence>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<ArticleMediaUse> ArticleMediaUses => Set<ArticleMediaUse>();
    public DbSet<SectionSlugHistory> SectionSlugHistory => Set<SectionSlugHistory>();
    public DbSet<TagSlugHistory> TagSlugHistory => Set<TagSlugHistory>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<PendingFormPost> PendingFormPosts => Set<PendingFormPost>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<OutboxTemplate> OutboxTemplates => Set<OutboxTemplate>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<NewsletterIssue> NewsletterIssues => Set<NewsletterIssue>();
    public DbSet<NewsletterIssueArticle> NewsletterIssueArticles => Set<NewsletterIssueArticle>();
    public DbSet<NewsletterRecipient> NewsletterRecipients => Set<NewsletterRecipient>();
    public DbSet<Newsletter> Newsletters => Set<Newsletter>();
    public DbSet<NewsletterSubscription> NewsletterSubscriptions => Set<NewsletterSubscription>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<DeliveryEvent> DeliveryEvents => Set<DeliveryEvent>();
    public DbSet<ConsentEvent> ConsentEvents => Set<ConsentEvent>();
    public DbSet<NewsletterLink> NewsletterLinks => Set<NewsletterLink>();
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<PageViewCount> PageViewCounts => Set<PageViewCount>();
    public DbSet<LegacyRedirect> LegacyRedirects => Set<LegacyRedirect>();
    public DbSet<ImportedItem> ImportedItems => Set<ImportedItem>();

    // Identity's sets, read through Set<T>() like the rest, so no property needs setting (see NoSetsToInitialize).
    public override DbSet<StaffUser> Users => Set<StaffUser>();
    public override DbSet<IdentityUserClaim<string>> UserClaims => Set<IdentityUserClaim<string>>();
    public override DbSet<IdentityUserLogin<string>> UserLogins => Set<IdentityUserLogin<string>>();
    public override DbSet<IdentityUserToken<string>> UserTokens => Set<IdentityUserToken<string>>();
    public override DbSet<IdentityUserPasskey<string>> UserPasskeys => Set<IdentityUserPasskey<string>>();
    public override DbSet<IdentityUserRole<string>> UserRoles => Set<IdentityUserRole<string>>();
    public override DbSet<IdentityRole> Roles => Set<IdentityRole>();
    public override DbSet<IdentityRoleClaim<string>> RoleClaims => Set<IdentityRoleClaim<string>>();

    /// <summary>The data-protection key ring: every node reads the same keys, so a cookie from one is good on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
    }
}

/// <summary>
/// EF's default initializer finds every DbSet property with a setter and sets it as each context is made, compiling
/// the setters first: ~40 ms on the path to the first answer, for Identity's eight properties. Every set of
/// <see cref="NewsDbContext"/> is read through <c>Set&lt;T&gt;()</c>, Identity's overridden to do the same, so there is
/// nothing to set. The interface is EF's internal one (hence EF1001); if it changes, this class stops compiling, and
/// removing it costs only that start-up time.
/// </summary>
#pragma warning disable EF1001
public sealed class NoSetsToInitialize : Microsoft.EntityFrameworkCore.Internal.IDbSetInitializer
{
    public void InitializeSets(DbContext context)
    {
    }
}
#pragma warning restore EF1001
