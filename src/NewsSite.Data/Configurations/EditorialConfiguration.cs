using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.Property(r => r.Title).HasMaxLength(300);
        revision.Property(r => r.Standfirst).HasMaxLength(1000);
        revision.Property(r => r.CreatedByName).HasMaxLength(256);
        revision.Property(r => r.Note).HasMaxLength(200);
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.Property(r => r.Details).HasMaxLength(8000);
        revision.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> link)
    {
        link.Property(l => l.CreatedByName).HasMaxLength(256);
        link.HasIndex(l => l.ArticleId);
        link.HasOne(l => l.Article).WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleNoteConfiguration : IEntityTypeConfiguration<ArticleNote>
{
    public void Configure(EntityTypeBuilder<ArticleNote> note)
    {
        note.Property(n => n.AuthorName).HasMaxLength(256);
        note.Property(n => n.Text).HasMaxLength(4000);
        note.HasIndex(n => new { n.ArticleId, n.CreatedAt });
        note.HasOne(n => n.Article).WithMany().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticlePresenceConfiguration : IEntityTypeConfiguration<ArticlePresence>
{
    public void Configure(EntityTypeBuilder<ArticlePresence> presence)
    {
        presence.HasKey(p => new { p.ArticleId, p.UserId });
        presence.Property(p => p.UserId).HasMaxLength(450);
        presence.Property(p => p.Name).HasMaxLength(256);
        presence.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> media)
    {
        media.Property(m => m.OriginalFileName).HasMaxLength(255);
        media.Property(m => m.StoragePath).HasMaxLength(300);
        media.Property(m => m.ContentType).HasMaxLength(50);
        media.Property(m => m.AltText).HasMaxLength(500);
        media.Property(m => m.Caption).HasMaxLength(1000);
        media.Property(m => m.Credit).HasMaxLength(300);
        media.Property(m => m.VariantWidths).HasMaxLength(100);
        media.HasIndex(m => m.StoragePath).IsUnique();
        media.HasIndex(m => m.UploadedAt);
    }
}

internal sealed class ArticleMediaUseConfiguration : IEntityTypeConfiguration<ArticleMediaUse>
{
    public void Configure(EntityTypeBuilder<ArticleMediaUse> use)
    {
        use.HasKey(u => new { u.ArticleId, u.MediaId });
        // "Used in" asks by image: (MediaId, ArticleId) answers it from the index alone.
        use.HasIndex(u => new { u.MediaId, u.ArticleId });
        use.HasOne(u => u.Article).WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // The library refuses to delete a used image; a delete that gets past it (an import's clean-up) takes the uses along.
        use.HasOne<MediaItem>().WithMany().HasForeignKey(u => u.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionSlugHistoryConfiguration : IEntityTypeConfiguration<SectionSlugHistory>
{
    public void Configure(EntityTypeBuilder<SectionSlugHistory> history)
    {
        history.Property(h => h.Slug).HasMaxLength(100);
        history.HasIndex(h => h.Slug).IsUnique();
        history.HasOne(h => h.Section).WithMany().HasForeignKey(h => h.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TagSlugHistoryConfiguration : IEntityTypeConfiguration<TagSlugHistory>
{
    public void Configure(EntityTypeBuilder<TagSlugHistory> history)
    {
        history.Property(h => h.Slug).HasMaxLength(100);
        history.HasIndex(h => h.Slug).IsUnique();
        history.HasOne(h => h.Tag).WithMany().HasForeignKey(h => h.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.HasOne(u => u.Author).WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.Target).HasMaxLength(500);
        entry.Property(e => e.Details).HasMaxLength(2000);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.HasIndex(e => e.At);
    }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.UserId).HasMaxLength(450);
        session.Property(s => s.IpAddress).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(300);
        session.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class PendingFormPostConfiguration : IEntityTypeConfiguration<PendingFormPost>
{
    public void Configure(EntityTypeBuilder<PendingFormPost> post)
    {
        post.HasKey(p => p.KeyHash);
        post.Property(p => p.KeyHash).HasMaxLength(64);
        post.Property(p => p.Path).HasMaxLength(300);
        post.Property(p => p.Summary).HasMaxLength(300);
        post.HasIndex(p => p.CreatedAt);
    }
}

internal sealed class CorrectionConfiguration : IEntityTypeConfiguration<Correction>
{
    public void Configure(EntityTypeBuilder<Correction> correction)
    {
        correction.Property(c => c.Text).HasMaxLength(2000);
        correction.Property(c => c.CreatedByName).HasMaxLength(256);
        correction.HasIndex(c => new { c.ArticleId, c.At });
        // The public corrections page and feed read newest first across all stories.
        correction.HasIndex(c => c.At);
        correction.HasOne(c => c.Article).WithMany(a => a.Corrections).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiveEntryConfiguration : IEntityTypeConfiguration<LiveEntry>
{
    public void Configure(EntityTypeBuilder<LiveEntry> entry)
    {
        entry.Property(e => e.Title).HasMaxLength(200);
        entry.Property(e => e.BodyMarkdown).HasMaxLength(20000);
        entry.Property(e => e.CreatedByName).HasMaxLength(256);
        entry.HasIndex(e => new { e.ArticleId, e.PostedAt });
        entry.HasOne(e => e.Article).WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
