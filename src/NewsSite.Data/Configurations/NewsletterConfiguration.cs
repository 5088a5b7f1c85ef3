using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> subscriber)
    {
        subscriber.Property(s => s.Email).HasMaxLength(254);
        subscriber.Property(s => s.Name).HasMaxLength(100);
        subscriber.Property(s => s.ConfirmationTokenHash).HasMaxLength(64);
        subscriber.Property(s => s.UnsubscribeToken).HasMaxLength(64);
        subscriber.Property(s => s.ConsentSource).HasMaxLength(500);
        subscriber.Property(s => s.ConsentText).HasMaxLength(1000);
        subscriber.Property(s => s.Origin).HasMaxLength(20);
        // One row per address, whatever the race: the database, not the code, guarantees it.
        subscriber.HasIndex(s => s.Email).IsUnique();
        subscriber.HasIndex(s => s.ConfirmationTokenHash).IsUnique();
        subscriber.HasIndex(s => s.UnsubscribeToken).IsUnique();
        subscriber.HasIndex(s => new { s.Status, s.Id });
        subscriber.HasIndex(s => s.CreatedAt);
    }
}

internal sealed class NewsletterIssueConfiguration : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> issue)
    {
        issue.Property(i => i.Subject).HasMaxLength(200);
        issue.Property(i => i.Intro).HasMaxLength(5000);
        issue.Property(i => i.CreatedByName).HasMaxLength(256);
        issue.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class NewsletterRecipientConfiguration : IEntityTypeConfiguration<NewsletterRecipient>
{
    public void Configure(EntityTypeBuilder<NewsletterRecipient> recipient)
    {
        recipient.Property(r => r.Address).HasMaxLength(320);
        // "Everyone who got issue 12" for a correction; "which issues went to this address" for a bounce.
        recipient.HasIndex(r => new { r.NewsletterIssueId, r.Address });
        recipient.HasIndex(r => r.Address);
        recipient.HasOne<NewsletterIssue>().WithMany().HasForeignKey(r => r.NewsletterIssueId).OnDelete(DeleteBehavior.Cascade);
        recipient.HasOne<Subscriber>().WithMany().HasForeignKey(r => r.SubscriberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NewsletterIssueArticleConfiguration : IEntityTypeConfiguration<NewsletterIssueArticle>
{
    public void Configure(EntityTypeBuilder<NewsletterIssueArticle> link)
    {
        link.HasKey(l => new { l.NewsletterIssueId, l.ArticleId });
        link.HasOne(l => l.NewsletterIssue).WithMany(i => i.Articles).HasForeignKey(l => l.NewsletterIssueId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne(l => l.Article).WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        link.HasIndex(l => l.ArticleId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.Property(m => m.ToAddress).HasMaxLength(320);
        message.Property(m => m.ToName).HasMaxLength(200);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.Kind).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(2000);
        // The sender asks "what is due?" constantly; the admin asks "how many of this newsletter are sent?".
        message.HasIndex(m => new { m.Status, m.IsBulk, m.NextAttemptAt });
        message.HasIndex(m => new { m.Kind, m.Status });
        // A sender reads back, renews and releases its claim by token.
        message.HasIndex(m => m.ClaimToken);
        message.Property(m => m.TemplateValue).HasMaxLength(200);
        message.HasOne(m => m.Template).WithMany().HasForeignKey(m => m.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxTemplateConfiguration : IEntityTypeConfiguration<OutboxTemplate>
{
    public void Configure(EntityTypeBuilder<OutboxTemplate> template)
    {
        template.Property(t => t.Subject).HasMaxLength(500);
        template.Property(t => t.Placeholder).HasMaxLength(100);
    }
}
