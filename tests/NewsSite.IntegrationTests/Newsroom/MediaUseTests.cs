using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>
/// Where the library says an image is used: kept at each save (MediaUseRecorder) for a story's text, its picture and its
/// live entries, and filled for older stories by the migration that made the table.
/// </summary>
[Collection(NewsroomCollection.Name)]
public sealed class MediaUseTests(NewsroomFactory site)
{
    private async Task<MediaItem> UploadAsync(StaffClient editor, string name)
    {
        var alt = $"{name} {Guid.NewGuid():n}";
        await MediaFiles.UploadAsync(editor, MediaFiles.Image(800, 500, SKEncodedImageFormat.Jpeg), $"{name}.jpg", "image/jpeg", alt);
        return await site.WithDbAsync((db, _) => db.Media.AsNoTracking().SingleAsync(m => m.AltText == alt));
    }

    private Task<List<int>> UsedInAsync(int mediaId) =>
        site.WithDbAsync((db, _) => db.ArticleMediaUses.Where(u => u.MediaId == mediaId).Select(u => u.ArticleId).OrderBy(id => id).ToListAsync());

    private static async Task<HttpStatusCode> DeleteAsync(StaffClient editor, int mediaId) =>
        (await editor.PostFormAsync($"/admin/media/{mediaId}/delete", new(), tokenFrom: "/admin/media")).StatusCode;

    [Fact]
    public async Task ImageInTheText_AsThePicture_OrInALiveEntry_IsUsed_UntilTheStoryStopsShowingIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var inText = await UploadAsync(editor, "quay");
        var asPicture = await UploadAsync(editor, "lighthouse");
        var inEntry = await UploadAsync(editor, "storm");
        var byAddress = await UploadAsync(editor, "ferry");

        var story = await new ArticleBuilder()
            .WithBody($"The quay at noon.\n\n{BodyImages.MarkdownFor(inText.Id, inText.AltText, null)}\n\n![Ferry](/media/{MediaUrls.VariantPath(byAddress.StoragePath, 480)})")
            .With(a => { a.HeroMediaId = asPicture.Id; a.WorkType = WorkType.Live; a.LiveStartedAt = DateTime.UtcNow.AddHours(-1); })
            .SaveAsync(site);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries",
            new() { ["title"] = "", ["body"] = $"Waves over the wall.\n\n{BodyImages.MarkdownFor(inEntry.Id, inEntry.AltText, "The wall at two")}" })).StatusCode);

        foreach (var image in new[] { inText, asPicture, inEntry, byAddress })
        {
            Assert.Equal([story.Id], await UsedInAsync(image.Id));
        }
        var library = Html.Parse(await editor.Http.GetStringAsync($"/admin/media?q={Uri.EscapeDataString(inEntry.AltText)}"));
        Assert.Contains("Used in 1 story", library.Body!.TextContent);
        Assert.NotNull(library.QuerySelector($"a[href='/admin/articles/{story.Id}']"));
        Assert.Equal(HttpStatusCode.Conflict, await DeleteAsync(editor, inEntry.Id));

        // Taking the live entry off the page (it stays on record) frees its image.
        var entryId = await site.WithDbAsync((db, _) => db.LiveEntries.Where(e => e.ArticleId == story.Id).Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries/{entryId}/delete", new())).StatusCode);
        Assert.Empty(await UsedInAsync(inEntry.Id));

        // The desk saves the story without the image in its text: that image is free, the others are not.
        var saved = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().SingleAsync(a => a.Id == story.Id));
        var fields = ArticleFields.For(saved.Id, saved.Version, saved.Title, saved.SectionId, body: "The quay at noon, without a picture.");
        fields["HeroMediaId"] = asPicture.Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/articles/save", fields, tokenFrom: $"/admin/articles/{story.Id}")).StatusCode);

        Assert.Empty(await UsedInAsync(inText.Id));
        Assert.Empty(await UsedInAsync(byAddress.Id));
        Assert.Equal([story.Id], await UsedInAsync(asPicture.Id));
        Assert.Equal(HttpStatusCode.Redirect, await DeleteAsync(editor, inText.Id));
        Assert.False(await site.WithDbAsync((db, _) => db.Media.AnyAsync(m => m.Id == inText.Id)));
    }

    [Fact]
    public async Task TrashedStory_StillHoldsItsImages_APurgedOneLetsThemGo()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var image = await UploadAsync(editor, "harbour");
        var story = await new ArticleBuilder().WithBody(BodyImages.MarkdownFor(image.Id, image.AltText, null)).SaveAsync(site);

        await site.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Id == story.Id);
            article.DeletedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        // It can be restored, so its image stays.
        Assert.Equal([story.Id], await UsedInAsync(image.Id));

        await site.WithDbAsync(async db =>
        {
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == story.Id));
            await db.SaveChangesAsync();
        });
        Assert.Empty(await UsedInAsync(image.Id));
        Assert.Equal(HttpStatusCode.Redirect, await DeleteAsync(editor, image.Id));
    }

    [Fact]
    public async Task ImageChangedInTheLibrary_IsRenderedAgainInTheStoriesAndLiveEntriesThatShowIt()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var image = await UploadAsync(editor, "pier");
        var story = await new ArticleBuilder().WithBody(BodyImages.MarkdownFor(image.Id, image.AltText, null))
            .With(a => { a.WorkType = WorkType.Live; a.LiveStartedAt = DateTime.UtcNow.AddHours(-1); })
            .SaveAsync(site);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/articles/{story.Id}/live/entries",
            new() { ["title"] = "", ["body"] = $"The pier again.\n\n{BodyImages.MarkdownFor(image.Id, image.AltText, null)}" })).StatusCode);
        
        var response = await editor.PostFormAsync($"/admin/media/{image.Id}/edit",
            new() { ["Form.AltText"] = "The pier at dusk", ["Form.Caption"] = "Photographed from the breakwater", ["Form.Credit"] = "" }, tokenFrom: $"/admin/media/{image.Id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (body, entry) = await site.WithDbAsync(async (db, _) => (
            await db.Articles.Where(a => a.Id == story.Id).Select(a => a.BodyHtml).SingleAsync(),
            await db.LiveEntries.Where(e => e.ArticleId == story.Id).Select(e => e.BodyHtml).SingleAsync()));
        // The caption comes from the library (the Markdown gives none); the description typed into the Markdown stays.
        Assert.Contains("Photographed from the breakwater", body);
        Assert.Contains("Photographed from the breakwater", entry);
    }
}

/// <summary>The migration that made the uses table filled it from the stories already saved, by the recorder's rule.</summary>
public sealed class MediaUseBackfillTests(NewsSiteFactory site) : IClassFixture<NewsSiteFactory>
{
    [Fact]
    public async Task Migration_FindsTheSameUsesTheSavesRecorded()
    {
        var (used, address, entry, unused) = await site.WithDbAsync(async (db, _) =>
        {
            MediaItem Image(string name) => new()
            {
                OriginalFileName = $"{name}.jpg", StoragePath = $"2026/11/{Guid.NewGuid():n}.jpg", ContentType = "image/jpeg",
                Width = 800, Height = 500, AltText = name, VariantWidths = "480",
            };
            var images = (Used: Image("used"), Address: Image("address"), Entry: Image("entry"), Unused: Image("unused"));
            db.Media.AddRange(images.Used, images.Address, images.Entry, images.Unused);
            await db.SaveChangesAsync();
            return images;
        });
        // Upper case, a caption and a resized copy: the spellings the recorder accepts, the migration must too.
        var story = await new ArticleBuilder()
            .WithBody($"![Used](MEDIA:{used.Id} \"A caption\")\n\n![Copy](https://paper.example/media/{MediaUrls.VariantPath(address.StoragePath, 480)})\n\nmedia:{unused.Id}0 is another image, and social media: {unused.Id} tips is none.")
            .With(a => a.HeroMediaId = used.Id)
            .SaveAsync(site);
        var pictureOnly = await new ArticleBuilder().With(a => a.HeroMediaId = address.Id).SaveAsync(site);
        await site.WithDbAsync(async db =>
        {
            db.LiveEntries.Add(new LiveEntry { ArticleId = pictureOnly.Id, BodyMarkdown = $"![Entry](media:{entry.Id})", BodyHtml = "", PostedAt = DateTime.UtcNow, CreatedByName = "Test" });
            await db.SaveChangesAsync();
        });
        var recorded = await UsesAsync();
        Assert.Equal([(story.Id, used.Id), (story.Id, address.Id), (pictureOnly.Id, address.Id), (pictureOnly.Id, entry.Id)],
            recorded.Where(u => u.ArticleId == story.Id || u.ArticleId == pictureOnly.Id).ToList());

        // Back to before the table, and up again: the migration fills it from what is saved.
        await site.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("ArticleDeskSearchIndexes");
            await migrator.MigrateAsync();
        });

        Assert.Equal(recorded, await UsesAsync());
    }

    private Task<List<(int ArticleId, int MediaId)>> UsesAsync() =>
        site.WithDbAsync(async (db, _) => (await db.ArticleMediaUses.AsNoTracking().OrderBy(u => u.ArticleId).ThenBy(u => u.MediaId)
            .Select(u => new { u.ArticleId, u.MediaId }).ToListAsync()).Select(u => (u.ArticleId, u.MediaId)).ToList());
}
