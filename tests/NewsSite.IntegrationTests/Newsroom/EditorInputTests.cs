using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Ordinary but awkward staff input to the article editor: each gets a clear answer, never a 500, and nothing half saved.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class EditorInputTests(NewsroomFactory site)
{
    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private Task<Article> ArticleAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));

    private Task<int> ArticleCountAsync() => site.WithDbAsync((db, _) => db.Articles.CountAsync());

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}");
        Assert.Contains(message, WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task LivePreview_OfABodyOverTheSaveLimit_IsRefusedWithAMessage()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await writer.PostFormAsync("/admin/articles/preview-body", new() { ["markdown"] = new string('a', ArticleForm.MaxBodyLength + 1) }, tokenFrom: "/admin/articles/new");

        await AssertRefusedAsync(response, "The body is too long to preview or save");
    }

    [Fact]
    public async Task LivePreview_WhenEveryRenderSlotIsBusy_Answers429_ThenRendersAgain()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var limiter = site.Services.GetRequiredService<PreviewThrottle>().Limiter;
        var token = await writer.TokenAsync("/admin/articles/new");
        Task<HttpResponseMessage> PreviewAsync() => writer.Http.PostAsync("/admin/articles/preview-body",
            new FormUrlEncodedContent([new("markdown", "**Bold**"), new("__RequestVerificationToken", token)]));

        var busy = new List<System.Threading.RateLimiting.RateLimitLease>();
        for (var lease = limiter.AttemptAcquire(); lease.IsAcquired; lease = limiter.AttemptAcquire())
        {
            busy.Add(lease);
        }
        Assert.NotEmpty(busy);
        HttpResponseMessage refused;
        try
        {
            refused = await PreviewAsync();
        }
        finally
        {
            busy.ForEach(l => l.Dispose());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var again = await PreviewAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("<strong>Bold</strong>", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("quotes")]
    [InlineData("lists")]
    public async Task Save_OfABodyNested128Deep_GetsAValidationMessage_AndNothingIsSaved(string shape)
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var body = shape == "quotes"
            ? new string('>', 128) + " Deep in the quotes."
            : string.Join("\n", Enumerable.Range(0, 128).Select(i => new string(' ', i * 2) + "- item"));
        var before = await ArticleCountAsync();

        var save = await editor.PostFormAsync("/admin/articles/save", ArticleFields.For(null, 0, "Nested", await CitySectionIdAsync(), body: body), tokenFrom: "/admin/articles/new");
        var preview = await editor.PostFormAsync("/admin/articles/preview-body", new() { ["markdown"] = body }, tokenFrom: "/admin/articles/new");

        await AssertRefusedAsync(save, ArticleForm.TooDeeplyNested);
        await AssertRefusedAsync(preview, ArticleForm.TooDeeplyNested);
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task Schedule_InsideTheClockChangeGap_GetsAValidationMessage()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await ArticleCountAsync();

        // 01:30 on 28 March 2027 never happens in London: the clocks go from 01:00 to 02:00.
        var response = await editor.PostFormAsync("/admin/articles/schedule",
            ArticleFields.For(null, 0, "Spring forward", await CitySectionIdAsync(), publishAt: "2027-03-28T01:30"), tokenFrom: "/admin/articles/new");

        await AssertRefusedAsync(response, "That time does not exist on London time (the clocks go forward); choose another.");
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("schedule")]
    public async Task PublishingWithAnEmptyBody_IsRefusedOnTheBody_AndNothingChanges(string action)
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var draft = await new ArticleBuilder().Draft().SaveAsync(site);
        var publishAt = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-ddTHH:mm");

        var response = await editor.PostFormAsync($"/admin/articles/{action}",
            ArticleFields.For(draft.Id, draft.Version, "A headline with nothing under it", draft.SectionId, body: "  \n ", publishAt: publishAt), tokenFrom: $"/admin/articles/{draft.Id}");

        await AssertRefusedAsync(response, "Write the story before it goes out: the body is empty.");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[data-valmsg-for=BodyMarkdown].field-validation-error"));
        var stored = await ArticleAsync(draft.Id);
        Assert.Equal(ArticleStatus.Draft, stored.Status);
        Assert.Equal(draft.Version, stored.Version);
        Assert.Equal(draft.Title, stored.Title);
    }

    [Fact]
    public async Task SavingAPublishedStoryWithAnEmptyBody_IsRefused()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var live = await new ArticleBuilder().SaveAsync(site);

        var response = await editor.PostFormAsync("/admin/articles/save",
            ArticleFields.For(live.Id, live.Version, live.Title, live.SectionId, body: ""), tokenFrom: $"/admin/articles/{live.Id}");

        await AssertRefusedAsync(response, "A published or scheduled story needs a body");
        Assert.Equal(live.BodyMarkdown, (await ArticleAsync(live.Id)).BodyMarkdown);
    }

    [Theory]
    [InlineData("HeroImageAlt", "choose an image, or clear the description")]
    [InlineData("HeroImageCaption", "choose an image, or clear the caption")]
    public async Task ImageWordsWithoutAnImage_AreRefused(string field, string message)
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await ArticleCountAsync();
        var fields = ArticleFields.For(null, 0, "A picture story without a picture", await CitySectionIdAsync());
        fields[field] = "A gull on the harbour wall";

        var response = await editor.PostFormAsync("/admin/articles/save", fields, tokenFrom: "/admin/articles/new");

        await AssertRefusedAsync(response, message);
        Assert.Equal(before, await ArticleCountAsync());
    }
}
