using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class LegacyRedirectConfiguration : IEntityTypeConfiguration<LegacyRedirect>
{
    public void Configure(EntityTypeBuilder<LegacyRedirect> redirect)
    {
        redirect.Property(r => r.Path).HasMaxLength(600);
        redirect.Property(r => r.Target).HasMaxLength(600);
        redirect.Property(r => r.Source).HasMaxLength(20);
        redirect.HasIndex(r => r.Path).IsUnique();
    }
}

internal sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> item)
    {
        item.Property(i => i.Source).HasMaxLength(20);
        item.Property(i => i.Kind).HasMaxLength(20);
        item.Property(i => i.ExternalId).HasMaxLength(300);
        item.HasIndex(i => new { i.Source, i.Kind, i.ExternalId }).IsUnique();
    }
}
