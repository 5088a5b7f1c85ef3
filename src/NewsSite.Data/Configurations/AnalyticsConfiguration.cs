using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class PageViewCountConfiguration : IEntityTypeConfiguration<PageViewCount>
{
    public void Configure(EntityTypeBuilder<PageViewCount> count)
    {
        count.Property(c => c.Path).HasMaxLength(400);

        // The upsert's conflict target: one row per page, source and hour.
        count.HasIndex(c => new { c.Hour, c.Path, c.Source }).IsUnique();

        // "Most read" and a story's own figures.
        count.HasIndex(c => new { c.ArticleId, c.Hour });
    }
}
