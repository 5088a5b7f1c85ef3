using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(300);
        article.Property(a => a.Slug).HasMaxLength(200);
        article.Property(a => a.Standfirst).HasMaxLength(1000);
        article.Property(a => a.Dateline).HasMaxLength(100);
        article.Property(a => a.Backstory).HasMaxLength(2000);
        article.Property(a => a.UpdateReason).HasMaxLength(300);
        article.Property(a => a.SponsorName).HasMaxLength(200);
        article.Property(a => a.HeroImageUrl).HasMaxLength(500);
        article.Property(a => a.HeroImageAlt).HasMaxLength(500);
        article.Property(a => a.HeroImageCaption).HasMaxLength(1000);
        article.Property(a => a.HeroImageCredit).HasMaxLength(300);

        // Small columns first, the bodies last. SQLite keeps what does not fit on the row's page in a chain of
        // overflow pages, so any column stored after a 20 KB body costs a walk down that chain; lists read cards
        // (title, section, date, image) for dozens of rows a page and never need the body.
        // Columns added since (ParagraphEnds, read only with the body) go after the bodies, where ALTER TABLE puts
        // them; an order given to them would move every other column, and SQLite can only do that by a rebuild.
        string[] bodies = [nameof(Article.BodyMarkdown), nameof(Article.BodyHtml), nameof(Article.BodyText)];
        string[] addedSince = [nameof(Article.ParagraphEnds)];
        var order = 0;
        var properties = article.Metadata.GetDeclaredProperties().Where(p => !addedSince.Contains(p.Name)).OrderBy(p => bodies.Contains(p.Name)).ToList();
        foreach (var property in properties)
        {
            article.Property(property.Name).HasColumnOrder(order++);
        }

        article.HasIndex(a => a.Slug).IsUnique();

        // Every public list is "published, newest first", optionally narrowed to a section or to featured stories.
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt });
        // Featured stories, filtered rather than led by IsFeatured: EF writes the test as the bare column ("IsFeatured"),
        // which SQLite cannot match to an index's leading column, so it walked the newest stories of all, reading each
        // one's row for the flag: 560 µs a front page on the benchmark database, against 20 µs from this index.
        article.HasIndex(a => new { a.Status, a.PublishedAt }, "IX_Articles_Featured").HasFilter("\"IsFeatured\"");

        // The desk's lists by state and "mine" (a writer's whole list): counted from the index alone, paged newest
        // first; a writer's search reads titles from it too, where an imported archive has no creator to narrow by.
        article.HasIndex(a => new { a.Status, a.DeletedAt, a.UpdatedAt });
        article.HasIndex(a => new { a.CreatedByUserId, a.DeletedAt, a.UpdatedAt, a.Id, a.Title });

        // The newsroom's lists are over the stories not in the trash. Filtered, because nearly every row is published:
        // SQLite's statistics then see one status, no index on Status looks selective, and the dashboard's review
        // queue and the article list scanned the whole table (600-900 ms at 100,000 stories). DeletedAt leads though
        // the filter fixes it: an equality on the first column keeps SQLite on these small indexes when they are empty
        // (their statistics then say 0 rows, which it reads as "unknown") instead of walking the desk's index.
        article.HasIndex(a => new { a.DeletedAt, a.ReviewRequestedAt }).HasDatabaseName("IX_Articles_ReviewQueue")
            .HasFilter("\"DeletedAt\" IS NULL AND \"Status\" = 0 AND \"ReviewRequestedAt\" IS NOT NULL");
        // DeletedAt first (not a filter): SQLite counts "not in the trash" from it alone, and pages it newest first.
        // The title rides along so a search of the list reads this index, not every story's row and body (2 GB at
        // 100,000 stories: 240 ms a search before, 30 ms after).
        article.HasIndex(a => new { a.DeletedAt, a.UpdatedAt, a.Id, a.Title }).HasDatabaseName("IX_Articles_Desk");
        // The dashboard's "your drafts" and "went out late": without these both walked every story.
        article.HasIndex(a => new { a.DeletedAt, a.CreatedByUserId, a.UpdatedAt }).HasDatabaseName("IX_Articles_Drafts")
            .HasFilter("\"DeletedAt\" IS NULL AND \"Status\" = 0");
        article.HasIndex(a => a.WentLiveAt);
        // The trash, newest first. The range "DeletedAt IS NOT NULL" on the desk's index looked to SQLite like every story.
        article.HasIndex(a => new { a.UpdatedAt, a.Id }).HasDatabaseName("IX_Articles_Trash").HasFilter("\"DeletedAt\" IS NOT NULL");
        // The sections page counts each section's stories not in the trash from the index alone.
        article.HasIndex(a => new { a.SectionId, a.DeletedAt });
        // Whether a story is out, by its id: the search keeps the hits that are published from the latest thousand the
        // full-text index finds, and read from the table each check read a story's own page (a row of ~20 KB at
        // 100,000 stories), a thousand pages a search, from this index a few dozen. SQLite's search names it
        // (INDEXED BY), as its planner takes the table's key when the index has no statistics yet. PostgreSQL's search
        // reads its own column and has no use for it; the model is one for both engines, and the index is small.
        article.HasIndex(a => new { a.Id, a.Status, a.PublishedAt }).HasDatabaseName("IX_Articles_Visibility");

        article.Property(a => a.Version).IsConcurrencyToken();
        article.HasOne(a => a.Section).WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
        article.HasOne(a => a.HeroMedia).WithMany().HasForeignKey(a => a.HeroMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> articleTag)
    {
        articleTag.HasKey(t => new { t.ArticleId, t.TagId });
        // (TagId, ArticleId), not TagId alone: tag pages and related stories then read the index only. With TagId
        // alone SQLite preferred scanning the whole primary key for "articles sharing a tag, grouped by article".
        articleTag.HasIndex(t => new { t.TagId, t.ArticleId });
        articleTag.HasOne(t => t.Article).WithMany(a => a.Tags).HasForeignKey(t => t.ArticleId);
        articleTag.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId);
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> articleAuthor)
    {
        articleAuthor.HasKey(a => new { a.ArticleId, a.AuthorId });
        articleAuthor.HasIndex(a => new { a.AuthorId, a.ArticleId });
        // A story's authors in their order, from the index alone: every card shows its first author, and without it
        // SQLite sorted each card's authors in a temporary b-tree (a fifth of a list's cards query).
        articleAuthor.HasIndex(a => new { a.ArticleId, a.Position, a.AuthorId });
        articleAuthor.HasOne(a => a.Article).WithMany(a => a.Authors).HasForeignKey(a => a.ArticleId);
        articleAuthor.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleSlugHistoryConfiguration : IEntityTypeConfiguration<ArticleSlugHistory>
{
    public void Configure(EntityTypeBuilder<ArticleSlugHistory> history)
    {
        history.Property(h => h.Slug).HasMaxLength(200);
        history.HasIndex(h => h.Slug).IsUnique();
        history.HasOne(h => h.Article).WithMany().HasForeignKey(h => h.ArticleId);
    }
}
