using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> section)
    {
        section.Property(s => s.Name).HasMaxLength(100);
        section.Property(s => s.Slug).HasMaxLength(100);
        section.Property(s => s.Description).HasMaxLength(500);
        section.HasIndex(s => s.Slug).IsUnique();
        section.HasIndex(s => s.Position);
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Name).HasMaxLength(100);
        tag.Property(t => t.Slug).HasMaxLength(100);
        tag.HasIndex(t => t.Slug).IsUnique();
    }
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.Property(a => a.Name).HasMaxLength(200);
        author.Property(a => a.Slug).HasMaxLength(200);
        author.Property(a => a.Bio).HasMaxLength(2000);
        author.Property(a => a.PhotoUrl).HasMaxLength(500);
        author.Property(a => a.JobTitle).HasMaxLength(200);
        author.Property(a => a.Expertise).HasMaxLength(500);
        author.Property(a => a.ContactEmail).HasMaxLength(256);
        author.Property(a => a.ProfileLinks).HasMaxLength(2000);
        author.Property(a => a.XHandle).HasMaxLength(50);
        author.HasOne(a => a.PhotoMedia).WithMany().HasForeignKey(a => a.PhotoMediaId).OnDelete(DeleteBehavior.SetNull);
        author.HasIndex(a => a.Slug).IsUnique();
    }
}

internal sealed class AdSlotConfiguration : IEntityTypeConfiguration<AdSlot>
{
    public void Configure(EntityTypeBuilder<AdSlot> adSlot)
    {
        adSlot.Property(a => a.Placement).HasMaxLength(50);
        adSlot.HasIndex(a => a.Placement).IsUnique();
    }
}
