using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Comparing revisions: changed words rather than whole paragraphs, the other settings side by side, people by name.</summary>
[Collection(NewsroomCollection.Name)]
public sealed partial class RevisionCompareTests(NewsroomFactory site)
{
    private async Task<int> StoryWithRevisionsAsync(params ArticleRevision[] revisions)
    {
        var article = await new ArticleBuilder().Draft().SaveAsync(site);
        await site.WithDbAsync(async db =>
        {
            var number = 1;
            foreach (var revision in revisions)
            {
                revision.ArticleId = article.Id;
                revision.Number = number++;
                revision.CreatedAt = DateTime.UtcNow.AddMinutes(-10 + number);
                db.ArticleRevisions.Add(revision);
            }
            await db.SaveChangesAsync();
        });
        return article.Id;
    }

    private static string Marked(string html, string tag) =>
        string.Join("|", MarkedText(tag).Matches(html).Select(m => WebUtility.HtmlDecode(HiddenLabel().Replace(m.Groups[1].Value, ""))));

    [Fact]
    public async Task Compare_MarksOnlyTheChangedWords_InHeadlineStandfirstAndBody()
    {
        var id = await StoryWithRevisionsAsync(
            new ArticleRevision { Title = "Council approves harbour plan", Standfirst = "A vote late on Tuesday.", BodyMarkdown = "The quick brown fox jumps.\n\nA second paragraph that stays." },
            new ArticleRevision { Title = "Council rejects harbour plan", Standfirst = "A vote late on Tuesday.", BodyMarkdown = "The slow brown fox jumps.\n\nA second paragraph that stays." });
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var html = await editor.GetStringAsync($"/admin/articles/{id}/revisions/compare?from=1&to=2");

        Assert.Equal("rejects|slow", Marked(html, "ins"));
        Assert.Equal("approves|quick", Marked(html, "del"));
        Assert.Contains("brown fox jumps.\n\nA second paragraph that stays.", WebUtility.HtmlDecode(html));
        Assert.Contains("No change.", html); // the standfirst
    }

    [Fact]
    public async Task Compare_ShowsSectionTagsBylineAndHeroChanges_AndNotRecordedForOldRevisions()
    {
        var before = new RevisionDetails { Section = "City", Tags = ["Harbour", "Council"], Byline = ["Maya Patel"], Hero = "harbour.jpg", Slug = "harbour-plan" };
        var after = before with { Section = "Politics", Tags = ["Council", "Harbour", "Votes"], Byline = ["Maya Patel", "Tom Reed"], Hero = "vote.jpg", IsFeatured = true };
        var id = await StoryWithRevisionsAsync(
            new ArticleRevision { Title = "Old", Details = null },
            new ArticleRevision { Title = "Plan", Details = before.ToJson() },
            new ArticleRevision { Title = "Plan", Details = after.ToJson() });
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var recorded = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/articles/{id}/revisions/compare?from=2&to=3"));
        var old = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/articles/{id}/revisions/compare?from=1&to=2"));

        Assert.Matches(Row("Section", "City", "Politics", "Changed"), recorded);
        Assert.Matches(Row("Tags", "Harbour, Council", "Council, Harbour, Votes", "Changed"), recorded);
        Assert.Matches(Row("Byline", "Maya Patel", "Maya Patel, Tom Reed", "Changed"), recorded);
        Assert.Matches(Row("Hero image", "harbour.jpg", "vote.jpg", "Changed"), recorded);
        Assert.Matches(Row("Featured on the front page", "No", "Yes", "Changed"), recorded);
        Assert.Matches(Row("Address \\(slug\\)", "harbour-plan", "harbour-plan", "—"), recorded);
        Assert.Matches(Row("Section", "not recorded", "City", "unknown"), old);
    }

    [Fact]
    public async Task Revisions_NameAutosavesAsWorkingCopies_AndShowPeopleByName()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var (userId, displayName) = await site.WithDbAsync((db, _) => db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<string, string>(u.Id, u.DisplayName)).SingleAsync());
        var id = await StoryWithRevisionsAsync(
            new ArticleRevision { Title = "Saved", Note = "Saved", CreatedByUserId = userId, CreatedByName = email },
            new ArticleRevision { Title = "Typing", Note = "Autosave", IsAutosave = true, CreatedByUserId = userId, CreatedByName = displayName });
        // A working copy is shown to its author only; an editor reads the writer's story but not their unsaved words.
        await site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.CreatedByUserId, userId)));
        var writer = StaffClient.Anonymous(site);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SignInAsync(email, StaffClient.Password)).StatusCode);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var html = await writer.GetStringAsync($"/admin/articles/{id}/revisions");
        Assert.DoesNotContain("Autosave", await editor.GetStringAsync($"/admin/articles/{id}/revisions"));

        Assert.Contains("Autosave (working copy, not on the site)", html);
        Assert.DoesNotContain($"<td>{email}</td>", html);
        Assert.Equal(2, Regex.Matches(html, $"<td>{Regex.Escape(displayName)}</td>").Count);
    }

    private static string Row(string field, string before, string after, string changed) =>
        $@"<th scope=""row"">{field}</th>\s*<td>{Regex.Escape(before)}</td>\s*<td>{Regex.Escape(after)}</td>\s*<td>{changed}</td>";

    private static Regex MarkedText(string tag) => new($@"<{tag} class=""diff-(?:added|removed)"">(.*?)</{tag}>", RegexOptions.Singleline);

    [GeneratedRegex(@"<span class=""visually-hidden"">[^<]*</span>")]
    private static partial Regex HiddenLabel();
}
