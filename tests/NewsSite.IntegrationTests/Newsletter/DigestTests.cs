using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Newsletters;
using NewsSite.Web.Features.Newsletter.Scheduling;

namespace NewsSite.IntegrationTests.Newsletter;

/// <summary>
/// The newsletter site on a clock the test moves, starting on Friday 27 March 2026 at 10:00 in London, two days
/// before the clocks go forward (Sunday 29 March, 01:00 UTC).
/// </summary>
public sealed class DigestFactory : SmtpSiteFactory, IAsyncLifetime
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        // The test runs the rounds itself.
        ["Newsletter:ScheduleCheckSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task InitializeAsync() => Smtp.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class DigestTests(DigestFactory site) : IClassFixture<DigestFactory>
{
    /// <summary>One round of the job; the start-up round may still hold the lease, so wait for ours to run.</summary>
    private Task RoundAsync(NewsletterScheduler? scheduler = null) =>
        Poll.UntilAsync(async () => await (scheduler ?? site.Services.GetRequiredService<NewsletterScheduler>()).RunOnceAsync(CancellationToken.None) ? (bool?)true : null,
            TimeSpan.FromSeconds(20), "a round of the newsletter scheduler");

    private Task<NewsletterIssue?> DraftOfAsync(int newsletterId) => site.WithDbAsync((db, _) => db.NewsletterIssues.AsNoTracking().Include(i => i.Articles)
        .Where(i => i.NewsletterId == newsletterId && i.Status == NewsletterIssueStatus.Draft && i.IsDigest).OrderBy(i => i.Id).FirstOrDefaultAsync());

    private static IEnumerable<int> StoriesOf(NewsletterIssue issue) => issue.Articles.OrderBy(a => a.Position).Select(a => a.ArticleId);

    [Fact]
    public async Task SectionDigest_GoesOutOnSchedule_AcrossTheClockChange_WithOnlyItsNewStories_Once_AndIsSkippedWhenNothingIsNew()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        // Sections of its own: the sample paper's stories are dated around the test's clock.
        var mine = new Section { Name = "Digest desk", Slug = $"digest-{Guid.NewGuid():n}"[..20], Position = 90, HiddenFromNavigation = true };
        var other = new Section { Name = "Elsewhere desk", Slug = $"elsewhere-{Guid.NewGuid():n}"[..20], Position = 91, HiddenFromNavigation = true };
        await site.WithDbAsync(async db => { db.Sections.AddRange(mine, other); await db.SaveChangesAsync(); });

        // Mondays at 07:00 London time, from the first section.
        var created = await editor.PostFieldsAsync("/admin/newsletters/lists/save",
        [
            new("Name", "Monday digest"), new("SectionIds", mine.Id.ToString()), new("IsActive", "true"), new("IsDigest", "true"),
            new("DigestDays", DigestSchedule.Bit(DayOfWeek.Monday).ToString()), new("DigestTime", "07:00"), new("DigestMaxStories", "10"),
        ], tokenFrom: "/admin/newsletters/lists/new");
        var newsletterId = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var reader = new Subscriber
        {
            Email = $"digest-{Guid.NewGuid():n}@example.org", Status = SubscriberStatus.Confirmed, CreatedAt = site.Clock.UtcNow,
            ConfirmedAt = site.Clock.UtcNow, UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        reader.Subscriptions.Add(new NewsletterSubscription { NewsletterId = newsletterId, CreatedAt = site.Clock.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(reader); await db.SaveChangesAsync(); });

        var tooOld = await new ArticleBuilder().InSection(mine.Slug).PublishedAt(new DateTime(2026, 3, 22, 12, 0, 0, DateTimeKind.Utc)).SaveAsync(site);
        var first = await new ArticleBuilder().InSection(mine.Slug).PublishedAt(new DateTime(2026, 3, 26, 9, 0, 0, DateTimeKind.Utc)).SaveAsync(site);
        var elsewhere = await new ArticleBuilder().InSection(other.Slug).PublishedAt(new DateTime(2026, 3, 26, 9, 30, 0, DateTimeKind.Utc)).SaveAsync(site);
        var later = await new ArticleBuilder().InSection(mine.Slug).PublishedAt(new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc)).SaveAsync(site);

        // The next issue is ready as a draft at once, for Monday 30 March 07:00 BST (06:00 UTC), with the stories
        // since the previous Monday's send time.
        await RoundAsync();
        var draft = await DraftOfAsync(newsletterId);
        Assert.NotNull(draft);
        Assert.Equal(new DateTime(2026, 3, 30, 6, 0, 0, DateTimeKind.Utc), draft.ScheduledFor);
        Assert.Equal([first.Id], StoriesOf(draft));
        Assert.Contains("Digest scheduled for Mon 30 Mar 07:00", await editor.GetStringAsync("/admin/newsletters"));

        // Refreshed while untouched: a story published meanwhile joins it, newest first. Nothing goes before its time.
        site.Clock.Advance(new DateTime(2026, 3, 30, 5, 59, 0, DateTimeKind.Utc) - site.Clock.UtcNow);
        await RoundAsync();
        draft = await DraftOfAsync(newsletterId);
        Assert.Equal([later.Id, first.Id], StoriesOf(draft!));
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"newsletter:{draft!.Id}")));

        // Due: two job instances at once send it once.
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = ActivatorUtilities.CreateInstance<NewsletterScheduler>(site.Services);
        await Task.WhenAll(RoundAsync(), RoundAsync(second));
        await RoundAsync(second);
        var email = await site.Smtp.WaitForAsync(reader.Email, "Monday digest");
        Assert.Contains(first.Title, email.HtmlBody);
        Assert.Contains(later.Title, email.HtmlBody);
        Assert.DoesNotContain(elsewhere.Title, email.HtmlBody);
        Assert.DoesNotContain(tooOld.Title, email.HtmlBody);
        Assert.Equal(1, await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.Kind == $"newsletter:{draft!.Id}")));
        var sentAt = await site.WithDbAsync((db, _) => db.Newsletters.Where(n => n.Id == newsletterId).Select(n => n.LastDigestAt).SingleAsync());
        Assert.Equal(site.Clock.UtcNow, sentAt!.Value, TimeSpan.FromSeconds(1));

        // The next Monday: nothing new in its sections (only elsewhere), so no email, and the last digest's time stays.
        await RoundAsync();
        var next = await DraftOfAsync(newsletterId);
        Assert.Equal(new DateTime(2026, 4, 6, 6, 0, 0, DateTimeKind.Utc), next!.ScheduledFor);
        await new ArticleBuilder().InSection(other.Slug).PublishedAt(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc)).SaveAsync(site);
        site.Clock.Advance(new DateTime(2026, 4, 6, 6, 1, 0, DateTimeKind.Utc) - site.Clock.UtcNow);
        await RoundAsync();
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.NewsletterIssues.CountAsync(i => i.NewsletterId == newsletterId && i.Status == NewsletterIssueStatus.Sending && i.Id != draft!.Id)));
        Assert.Equal(sentAt, await site.WithDbAsync((db, _) => db.Newsletters.Where(n => n.Id == newsletterId).Select(n => n.LastDigestAt).SingleAsync()));
        Assert.Single(site.Smtp.To(reader.Email));

        // An editor takes the following one over: their subject and stories are kept, and it goes out at its time.
        var mondayStory = await new ArticleBuilder().InSection(mine.Slug).PublishedAt(new DateTime(2026, 4, 7, 9, 0, 0, DateTimeKind.Utc)).SaveAsync(site);
        site.Clock.Advance(TimeSpan.FromDays(2));
        await RoundAsync();
        var upcoming = await DraftOfAsync(newsletterId);
        Assert.Equal([mondayStory.Id], StoriesOf(upcoming!));
        // Signed in afresh: the session from the test's start is days old on the moved clock.
        editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var edited = await editor.PostFieldsAsync("/admin/newsletters/save",
        [
            new("Id", upcoming!.Id.ToString()), new("Subject", "Hand-picked Monday"), new("NewsletterId", newsletterId.ToString()),
            new("ArticleIds", mondayStory.Id.ToString()), new("ArticleIds", first.Id.ToString()), new("ScheduleAt", "2026-04-13T07:00"),
        ], tokenFrom: $"/admin/newsletters/{upcoming.Id}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, edited.StatusCode);
        await new ArticleBuilder().InSection(mine.Slug).PublishedAt(site.Clock.UtcNow.AddMinutes(-1)).SaveAsync(site);
        await RoundAsync();
        var kept = await DraftOfAsync(newsletterId);
        Assert.Equal("Hand-picked Monday", kept!.Subject);
        Assert.Equal([mondayStory.Id, first.Id], StoriesOf(kept));
        site.Clock.Advance(new DateTime(2026, 4, 13, 6, 0, 30, DateTimeKind.Utc) - site.Clock.UtcNow);
        await RoundAsync();
        await site.Smtp.WaitForAsync(reader.Email, "Hand-picked Monday");
    }

    [Fact]
    public async Task HandMadeIssue_ScheduledOnThePapersClock_IsSentWhenDue()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var reader = new Subscriber
        {
            Email = $"scheduled-{Guid.NewGuid():n}@example.org", Status = SubscriberStatus.Confirmed, CreatedAt = site.Clock.UtcNow,
            ConfirmedAt = site.Clock.UtcNow, UnsubscribeToken = Web.Features.Newsletter.Signup.NewsletterTokens.New(),
        };
        reader.Subscriptions.Add(new NewsletterSubscription { NewsletterId = 1, CreatedAt = site.Clock.UtcNow });
        await site.WithDbAsync(async db => { db.Subscribers.Add(reader); await db.SaveChangesAsync(); });
        var story = await new ArticleBuilder().PublishedAt(site.Clock.UtcNow.AddHours(-1)).SaveAsync(site);
        var local = site.Clock.UtcNow.AddHours(3);
        var subject = $"Scheduled {Guid.NewGuid():n}";

        var saved = await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("ArticleIds", story.Id.ToString()), new("ScheduleAt", TimeZoneInfo.ConvertTimeFromUtc(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-ddTHH:mm"))],
            tokenFrom: "/admin/newsletters/new");
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute)), await site.WithDbAsync((db, _) => db.NewsletterIssues.Where(i => i.Id == id).Select(i => i.ScheduledFor).SingleAsync()));

        await RoundAsync();
        Assert.Empty(site.Smtp.To(reader.Email));
        site.Clock.Advance(TimeSpan.FromHours(3));
        await RoundAsync();
        await site.Smtp.WaitForAsync(reader.Email, subject);
    }
}
