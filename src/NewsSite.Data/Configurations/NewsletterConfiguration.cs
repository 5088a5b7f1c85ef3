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
        subscriber.Property(s => s.PendingEmail).HasMaxLength(254);
        subscriber.Property(s => s.PendingEmailTokenHash).HasMaxLength(64);
        subscriber.HasIndex(s => s.PendingEmailTokenHash).IsUnique();
        subscriber.HasIndex(s => s.SignupArticleId);
    }
}

internal sealed class NewsletterConfiguration : IEntityTypeConfiguration<Newsletter>
{
    public void Configure(EntityTypeBuilder<Newsletter> newsletter)
    {
        newsletter.Property(n => n.Slug).HasMaxLength(100);
        newsletter.Property(n => n.Name).HasMaxLength(100);
        newsletter.Property(n => n.Description).HasMaxLength(500);
        newsletter.Property(n => n.SenderName).HasMaxLength(100);
        newsletter.HasIndex(n => n.Slug).IsUnique();
        newsletter.HasMany(n => n.Sections).WithMany().UsingEntity("NewsletterSections");
        // Every paper starts with one newsletter: existing subscribers and issues belong to it.
        newsletter.HasData(new Newsletter
        {
            Id = 1,
            Slug = "newsletter",
            Name = "The newsletter",
            Description = "Our most important stories, when the newsroom sends them.",
            Position = 0,
            IsActive = true,
        });
    }
}

internal sealed class NewsletterSubscriptionConfiguration : IEntityTypeConfiguration<NewsletterSubscription>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscription> subscription)
    {
        subscription.HasKey(s => new { s.SubscriberId, s.NewsletterId });
        subscription.HasOne(s => s.Subscriber).WithMany(s => s.Subscriptions).HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasOne(s => s.Newsletter).WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        // Queueing an issue asks "who takes newsletter 3?".
        subscription.HasIndex(s => new { s.NewsletterId, s.SubscriberId });
    }
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> suppression)
    {
        suppression.Property(s => s.Address).HasMaxLength(320);
        suppression.Property(s => s.Detail).HasMaxLength(1000);
        suppression.Property(s => s.LiftedByName).HasMaxLength(256);
        // Every send asks "is this address suppressed?".
        suppression.HasIndex(s => new { s.Address, s.LiftedAt });
        suppression.HasIndex(s => s.CreatedAt);
        suppression.HasOne<NewsletterIssue>().WithMany().HasForeignKey(s => s.NewsletterIssueId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DeliveryEventConfiguration : IEntityTypeConfiguration<DeliveryEvent>
{
    public void Configure(EntityTypeBuilder<DeliveryEvent> delivery)
    {
        delivery.Property(e => e.Address).HasMaxLength(320);
        delivery.Property(e => e.Detail).HasMaxLength(1000);
        delivery.Property(e => e.ReportMessageId).HasMaxLength(500);
        delivery.HasIndex(e => new { e.NewsletterIssueId, e.Kind });
        delivery.HasIndex(e => e.Address);
        delivery.HasIndex(e => e.ReportMessageId);
        delivery.HasOne<NewsletterIssue>().WithMany().HasForeignKey(e => e.NewsletterIssueId).OnDelete(DeleteBehavior.SetNull);
        delivery.HasOne<Subscriber>().WithMany().HasForeignKey(e => e.SubscriberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConsentEventConfiguration : IEntityTypeConfiguration<ConsentEvent>
{
    public void Configure(EntityTypeBuilder<ConsentEvent> consent)
    {
        consent.Property(e => e.AddressHash).HasMaxLength(64);
        consent.Property(e => e.Wording).HasMaxLength(1000);
        consent.Property(e => e.Source).HasMaxLength(500);
        consent.Property(e => e.Detail).HasMaxLength(1000);
        consent.Property(e => e.ActorName).HasMaxLength(256);
        consent.HasIndex(e => new { e.SubscriberId, e.At });
        consent.HasIndex(e => new { e.AddressHash, e.Kind });
        consent.HasOne<Subscriber>().WithMany().HasForeignKey(e => e.SubscriberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NewsletterLinkConfiguration : IEntityTypeConfiguration<NewsletterLink>
{
    public void Configure(EntityTypeBuilder<NewsletterLink> link)
    {
        link.Property(l => l.Url).HasMaxLength(2000);
        link.HasIndex(l => l.NewsletterIssueId);
        link.HasOne<NewsletterIssue>().WithMany().HasForeignKey(l => l.NewsletterIssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> secret)
    {
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(100);
        secret.Property(s => s.Value).HasMaxLength(200);
    }
}

internal sealed class NewsletterIssueConfiguration : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> issue)
    {
        issue.Property(i => i.Subject).HasMaxLength(200);
        issue.Property(i => i.Intro).HasMaxLength(5000);
        issue.Property(i => i.CreatedByName).HasMaxLength(256);
        issue.Property(i => i.Preheader).HasMaxLength(200);
        issue.HasIndex(i => i.CreatedAt);
        // The scheduler asks "which drafts are due?".
        issue.HasIndex(i => new { i.Status, i.ScheduledFor });
        issue.Property(i => i.NewsletterId).HasDefaultValue(1);
        issue.HasOne(i => i.Newsletter).WithMany().HasForeignKey(i => i.NewsletterId).OnDelete(DeleteBehavior.Restrict);
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
        recipient.HasIndex(r => r.OutboxMessageId);
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
        message.Property(m => m.FromName).HasMaxLength(100);
        message.HasOne(m => m.Template).WithMany().HasForeignKey(m => m.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxTemplateConfiguration : IEntityTypeConfiguration<OutboxTemplate>
{
    public void Configure(EntityTypeBuilder<OutboxTemplate> template)
    {
        template.Property(t => t.Subject).HasMaxLength(500);
        template.Property(t => t.Placeholder).HasMaxLength(100);
        template.Property(t => t.FromName).HasMaxLength(100);
    }
}
