using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Newsletter.Newsletters;

public sealed record NewsletterRow(int Id, string Name, string Slug, bool IsActive, bool IsDigest, int DigestDays, int DigestMinuteOfDay, int Position, int Subscribers, int Issues);

public sealed record NewsletterChoice(int Id, string Name);

public sealed record SectionChoice(int Id, string Name);

public sealed record NewsletterSettings(
    int? Id, string Name, string? Slug, string? Description, string? SenderName, IReadOnlyList<int> SectionIds, bool IsActive, int Position,
    bool IsDigest, int DigestDays, int DigestMinuteOfDay, int DigestMaxStories);

/// <summary>A change refused with a message for the form, or about a newsletter that does not exist.</summary>
public sealed record NewsletterSaveResult(int? Id, string? Problem = null, bool NotFound = false);

/// <summary>
/// The newsroom's newsletters: a morning briefing, a weekly digest per section. Readers' pages (signup, preferences)
/// read the same rows; retiring one (not active) keeps its archive and subscriptions but offers it to nobody.
/// </summary>
public sealed class NewsletterLists(NewsDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<NewsletterRow>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ThenBy(n => n.Name)
            .Select(n => new NewsletterRow(n.Id, n.Name, n.Slug, n.IsActive, n.IsDigest, n.DigestDays, n.DigestMinuteOfDay, n.Position,
                // The people who would get the next issue: confirmed, subscribed to it, not paused.
                db.NewsletterSubscriptions.Count(s => s.NewsletterId == n.Id && s.Subscriber.Status == SubscriberStatus.Confirmed
                    && (s.Subscriber.PausedUntil == null || s.Subscriber.PausedUntil <= now)),
                db.NewsletterIssues.Count(i => i.NewsletterId == n.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>For the issue editor's choice: every newsletter, the active ones first.</summary>
    public async Task<IReadOnlyList<NewsletterChoice>> ChoicesAsync(CancellationToken cancellationToken) =>
        await db.Newsletters.AsNoTracking().OrderByDescending(n => n.IsActive).ThenBy(n => n.Position).ThenBy(n => n.Name)
            .Select(n => new NewsletterChoice(n.Id, n.IsActive ? n.Name : n.Name + " (retired)")).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SectionChoice>> SectionsAsync(CancellationToken cancellationToken) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name).Select(s => new SectionChoice(s.Id, s.Name)).ToListAsync(cancellationToken);

    public async Task<NewsletterSettings?> LoadAsync(int id, CancellationToken cancellationToken) =>
        await db.Newsletters.AsNoTracking().Where(n => n.Id == id)
            .Select(n => new NewsletterSettings(n.Id, n.Name, n.Slug, n.Description, n.SenderName, n.Sections.Select(s => s.Id).ToList(), n.IsActive, n.Position,
                n.IsDigest, n.DigestDays, n.DigestMinuteOfDay, n.DigestMaxStories))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<NewsletterSaveResult> SaveAsync(NewsletterSettings form, CancellationToken cancellationToken)
    {
        var newsletter = form.Id is { } id ? await db.Newsletters.Include(n => n.Sections).FirstOrDefaultAsync(n => n.Id == id, cancellationToken) : null;
        if (form.Id is not null && newsletter is null)
        {
            return new NewsletterSaveResult(null, NotFound: true);
        }
        var name = form.Name.Trim();
        var slug = Text.Slugify(string.IsNullOrWhiteSpace(form.Slug) ? name : form.Slug);
        if (slug.Length == 0)
        {
            return new NewsletterSaveResult(form.Id, "The name has no letters or digits to make an address from; type an address.");
        }
        if (await db.Newsletters.AnyAsync(n => n.Slug == slug && n.Id != form.Id, cancellationToken))
        {
            return new NewsletterSaveResult(form.Id, "Another newsletter already uses that address.");
        }
        if (form.IsDigest && !DigestSchedule.IsValid(form.DigestDays, form.DigestMinuteOfDay))
        {
            return new NewsletterSaveResult(form.Id, "An automatic digest needs at least one day and a time.");
        }
        var sections = await db.Sections.Where(s => form.SectionIds.Contains(s.Id)).ToListAsync(cancellationToken);
        if (form.IsDigest && sections.Count == 0)
        {
            return new NewsletterSaveResult(form.Id, "An automatic digest needs at least one section to take its stories from.");
        }

        if (newsletter is null)
        {
            newsletter = new Data.Entities.Newsletter { Name = name, Slug = slug };
            db.Newsletters.Add(newsletter);
        }
        newsletter.Name = name;
        newsletter.Slug = slug;
        newsletter.Description = (form.Description ?? "").Trim();
        newsletter.SenderName = string.IsNullOrWhiteSpace(form.SenderName) ? null : form.SenderName.Trim();
        newsletter.IsActive = form.IsActive;
        newsletter.Position = form.Position;
        newsletter.IsDigest = form.IsDigest;
        newsletter.DigestDays = form.DigestDays & DigestSchedule.EveryDay;
        newsletter.DigestMinuteOfDay = form.DigestMinuteOfDay;
        newsletter.DigestMaxStories = form.DigestMaxStories;
        newsletter.Sections.Clear();
        newsletter.Sections.AddRange(sections);
        audit.Record(form.Id is null ? AuditActions.NewsletterCreated : AuditActions.NewsletterEdited, $"newsletter {name}",
            $"address {SiteUrls.NewsletterArchive(slug)}; {(form.IsActive ? "active" : "retired")}; " +
            (form.IsDigest ? $"digest {DigestSchedule.DaysText(newsletter.DigestDays)} at {newsletter.DigestMinuteOfDay / 60:00}:{newsletter.DigestMinuteOfDay % 60:00}, up to {form.DigestMaxStories} stories" : "sent by hand") +
            $"; sections: {(sections.Count == 0 ? "none" : string.Join(", ", sections.Select(s => s.Name)))}");
        await db.SaveChangesAsync(cancellationToken);
        return new NewsletterSaveResult(newsletter.Id);
    }
}
