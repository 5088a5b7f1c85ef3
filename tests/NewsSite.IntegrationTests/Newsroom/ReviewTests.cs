using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Review: submitting tells the editors by email and on the dashboard; notes between writer and editor stay with the story.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class ReviewTests(NewsroomFactory site)
{
    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private async Task<int> SubmitAsync(StaffClient writer, string title) =>
        IdFrom(await writer.PostFormAsync("/admin/articles/submit", ArticleFields.For(null, 0, title, await CitySectionIdAsync()), tokenFrom: "/admin/articles/new"));

    [Fact]
    public async Task SubmitForReview_EmailsEachEditorAndAdministrator_WithALinkToTheStory()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var disabledEditor = await StaffClient.CreateUserAsync(site, StaffRoles.Editor, disabled: true);
        var otherWriter = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var title = $"Ferry timetable shake-up {Guid.NewGuid():n}";

        var id = await SubmitAsync(writer, title);

        var toEditor = await Mailbox.WaitForAsync(site.PickupDirectory, editorEmail, "For review");
        Assert.Contains(title, toEditor.Subject);
        Assert.Contains(title, toEditor.TextBody);
        Assert.Contains($"Writer writer-", toEditor.TextBody); // the writer's display name, not their address
        Assert.Equal($"{NewsSiteFactory.BaseUrl}/admin/articles/{id}", Mailbox.LinkStartingWith(toEditor, NewsSiteFactory.BaseUrl + "/admin/articles/"));
        await Mailbox.WaitForAsync(site.PickupDirectory, NewsroomFactory.AdminEmail, title);
        var queuedTo = await site.WithDbAsync((db, _) => db.Outbox.Where(m => m.Kind == "review-requested" && m.Subject.Contains(title)).Select(m => m.ToAddress).ToListAsync());
        Assert.DoesNotContain(disabledEditor, queuedTo);
        Assert.DoesNotContain(otherWriter, queuedTo);
        Assert.Equal(queuedTo.Count, queuedTo.Distinct().Count());
    }

    [Fact]
    public async Task Dashboard_CountsAndListsStoriesAwaitingReview()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var title = $"Lifeboat appeal {Guid.NewGuid():n}";
        await SubmitAsync(writer, title);

        var awaiting = await site.WithDbAsync((db, _) => db.Articles.CountAsync(a => a.DeletedAt == null && a.Status == ArticleStatus.Draft && a.ReviewRequestedAt != null));
        var dashboard = await editor.GetStringAsync("/admin");

        Assert.True(awaiting >= 1);
        Assert.Contains($"Awaiting review ({awaiting})", dashboard);
        Assert.Contains(title, dashboard);
        // A writer's own count: only their own story.
        Assert.Contains("Awaiting review (1)", await writer.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task Notes_AreReadAndAddedByWriterAndEditor_EncodedWithTheAuthorsName_AndHiddenFromOtherWriters()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var otherWriter = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var id = await SubmitAsync(writer, $"Pier repairs {Guid.NewGuid():n}");

        var fromWriter = await writer.PostFormAsync($"/admin/articles/{id}/notes", new() { ["text"] = "Can you check the quote <script>alert(1)</script>?" }, tokenFrom: $"/admin/articles/{id}");
        var fromEditor = await editor.PostFormAsync($"/admin/articles/{id}/notes", new() { ["text"] = "Checked: the quote stands." }, tokenFrom: $"/admin/articles/{id}");
        var fromOther = await otherWriter.PostFormAsync($"/admin/articles/{id}/notes", new() { ["text"] = "Sneaky note" });
        var otherReads = await otherWriter.Http.GetAsync($"/admin/articles/{id}/notes");

        Assert.Equal(HttpStatusCode.Redirect, fromWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromEditor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherReads.StatusCode);
        var page = await writer.GetStringAsync($"/admin/articles/{id}/notes");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("Checked: the quote stands.", page);
        Assert.Contains("Editor editor-", page); // the editor's display name
        Assert.DoesNotContain("Sneaky note", page);
        Assert.Contains("Checked: the quote stands.", await editor.GetStringAsync($"/admin/articles/{id}"));
        var stored = await site.WithDbAsync((db, _) => db.ArticleNotes.Where(n => n.ArticleId == id).Select(n => n.AuthorName).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, name => name.Contains('@'));
    }

    [Fact]
    public async Task EmptyNote_IsRefused()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var id = await SubmitAsync(writer, $"Beach clean {Guid.NewGuid():n}");

        await writer.PostFormAsync($"/admin/articles/{id}/notes", new() { ["text"] = "   " }, tokenFrom: $"/admin/articles/{id}");

        Assert.Equal(0, await site.WithDbAsync((db, _) => db.ArticleNotes.CountAsync(n => n.ArticleId == id)));
    }
}
