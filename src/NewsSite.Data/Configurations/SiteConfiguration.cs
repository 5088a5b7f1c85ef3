using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class StaticPageConfiguration : IEntityTypeConfiguration<StaticPage>
{
    public void Configure(EntityTypeBuilder<StaticPage> page)
    {
        page.Property(p => p.Title).HasMaxLength(200);
        page.Property(p => p.Slug).HasMaxLength(100);
        page.Property(p => p.BodyMarkdown).HasMaxLength(50000);
        page.Property(p => p.UpdatedByName).HasMaxLength(256);
        page.Property(p => p.Version).IsConcurrencyToken();
        page.HasIndex(p => p.Slug).IsUnique();
        page.HasIndex(p => p.Kind);
    }
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.ToTable("SiteSettings");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.PaperName).HasMaxLength(100);
        settings.Property(s => s.Tagline).HasMaxLength(200);
        settings.Property(s => s.TimeZone).HasMaxLength(64);
        settings.Property(s => s.PostalAddress).HasMaxLength(500);
        settings.Property(s => s.FooterLinks).HasMaxLength(2000);
        settings.Property(s => s.SocialProfiles).HasMaxLength(2000);
        settings.Property(s => s.XHandle).HasMaxLength(50);
        settings.Property(s => s.UpdatedByName).HasMaxLength(256);
        settings.Property(s => s.Version).IsConcurrencyToken();
        settings.HasOne(s => s.LogoMedia).WithMany().HasForeignKey(s => s.LogoMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BreakingNewsConfiguration : IEntityTypeConfiguration<BreakingNews>
{
    public void Configure(EntityTypeBuilder<BreakingNews> banner)
    {
        banner.ToTable("BreakingNews");
        banner.Property(b => b.Text).HasMaxLength(200);
        banner.Property(b => b.Url).HasMaxLength(500);
        banner.Property(b => b.SetByName).HasMaxLength(256);
        banner.HasIndex(b => b.ExpiresAt);
    }
}

internal sealed class FrontPagePinConfiguration : IEntityTypeConfiguration<FrontPagePin>
{
    public void Configure(EntityTypeBuilder<FrontPagePin> pin)
    {
        pin.Property(p => p.PinnedByName).HasMaxLength(256);
        // A story is placed once: as the lead or as one of the top stories.
        pin.HasIndex(p => p.ArticleId).IsUnique();
        pin.HasIndex(p => new { p.Slot, p.Position });
        pin.HasOne(p => p.Article).WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
