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
        article.Property(a => a.HeroImageUrl).HasMaxLength(500);
        article.Property(a => a.HeroImageAlt).HasMaxLength(500);
        article.Property(a => a.HeroImageCaption).HasMaxLength(1000);
        article.Property(a => a.HeroImageCredit).HasMaxLength(300);

        article.HasIndex(a => a.Slug).IsUnique();

        // Every public list is "published, newest first", optionally narrowed to a section or to featured stories.
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt });
        article.HasIndex(a => new { a.IsFeatured, a.Status, a.PublishedAt });

        article.HasIndex(a => new { a.Status, a.UpdatedAt });
        article.HasIndex(a => a.CreatedByUserId);

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
        articleTag.HasIndex(t => t.TagId);
        articleTag.HasOne(t => t.Article).WithMany(a => a.Tags).HasForeignKey(t => t.ArticleId);
        articleTag.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId);
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> articleAuthor)
    {
        articleAuthor.HasKey(a => new { a.ArticleId, a.AuthorId });
        articleAuthor.HasIndex(a => a.AuthorId);
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
