using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Publishing from the editor and from the scheduler is one step, committed once.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class PublishingWorkflowTests(NewsroomFactory site)
{
    private sealed record Snapshot(Article Article, int Revisions, string? LastNote, int PublishEntries);

    private Task<Snapshot> SnapshotAsync(int id) => site.WithDbAsync(async (db, _) =>
    {
        var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        var revisions = await db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Note).ToListAsync();
        var target = $"article {id}: ";
        var entries = await db.AuditLog.CountAsync(e => e.Action == "publish" && e.Target!.StartsWith(target));
        return new Snapshot(article, revisions.Count, revisions.LastOrDefault(), entries);
    });

    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Publish_WithEditsToADraft_IsOneVersionOneRevisionAndOneAuditEntry()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var before = await SnapshotAsync(draft.Id);
        var title = $"Harbour wall repaired {Guid.NewGuid():n}";

        var response = await editor.PostFormAsync("/admin/articles/publish",
            ArticleFields.For(draft.Id, before.Article.Version, title, draft.SectionId, body: "The wall stands again."), tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await SnapshotAsync(draft.Id);
        Assert.Equal(ArticleStatus.Published, after.Article.Status);
        Assert.Equal(title, after.Article.Title);
        Assert.Equal("The wall stands again.", after.Article.BodyMarkdown);
        Assert.Equal(before.Article.Version + 1, after.Article.Version);
        Assert.Equal(before.Revisions + 1, after.Revisions);
        Assert.Equal("Published", after.LastNote);
        Assert.Equal(before.PublishEntries + 1, after.PublishEntries);
        Assert.NotNull(after.Article.WentLiveAt);
    }

    [Fact]
    public async Task Schedule_WithEditsToADraft_BumpsTheVersionOnce()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var before = await SnapshotAsync(draft.Id);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        var response = await editor.PostFormAsync("/admin/articles/schedule",
            ArticleFields.For(draft.Id, before.Article.Version, "Tomorrow's tides", draft.SectionId, publishAt: local.ToString("yyyy-MM-ddTHH:mm")), tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await SnapshotAsync(draft.Id);
        Assert.Equal(ArticleStatus.Scheduled, after.Article.Status);
        Assert.Equal(before.Article.Version + 1, after.Article.Version);
        Assert.Equal(before.Revisions + 1, after.Revisions);
    }

    [Fact]
    public async Task Publish_ThatFailsValidation_ChangesNothing()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var other = await new ArticleBuilder().SaveAsync(site);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var before = await SnapshotAsync(draft.Id);

        // The new headline is fine; the address belongs to another story, so the whole publish is refused.
        var response = await editor.PostFormAsync("/admin/articles/publish",
            ArticleFields.For(draft.Id, before.Article.Version, "A headline that must not stick", draft.SectionId, slug: other.Slug), tokenFrom: $"/admin/articles/{draft.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Another story already uses", await response.Content.ReadAsStringAsync());
        var after = await SnapshotAsync(draft.Id);
        Assert.Equal(ArticleStatus.Draft, after.Article.Status);
        Assert.Equal(draft.Title, after.Article.Title);
        Assert.Equal(before.Article.Version, after.Article.Version);
        Assert.Equal(before.Revisions, after.Revisions);
        Assert.Equal(before.PublishEntries, after.PublishEntries);
        Assert.Null(after.Article.WentLiveAt);
    }

    [Fact]
    public async Task Scheduler_PublishesThroughTheSameStep_KeepingTheDueTime()
    {
        // Due shortly, not already: a story due at once could be published between its save and the "before"
        // snapshot (whose reads are not one transaction), and the counts then compare a half-published snapshot.
        var due = DateTime.UtcNow.AddSeconds(3);
        var scheduled = await new ArticleBuilder().ScheduledFor(due).SaveAsync(site);
        var before = await SnapshotAsync(scheduled.Id);

        var after = await Poll.UntilAsync(async () => await SnapshotAsync(scheduled.Id) is { Article.Status: ArticleStatus.Published } s ? s : null,
            TimeSpan.FromSeconds(10), "the scheduler to publish the story");

        Assert.Equal(before.Article.Version + 1, after.Article.Version);
        Assert.Equal(due, after.Article.PublishedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.NotNull(after.Article.WentLiveAt);
        Assert.Equal(before.PublishEntries + 1, after.PublishEntries);
        var entry = await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().SingleAsync(e => e.Action == "publish" && e.Target!.StartsWith($"article {scheduled.Id}: ")));
        Assert.Equal("scheduler", entry.UserName);
        Assert.StartsWith("scheduled", entry.Details);
    }
}
