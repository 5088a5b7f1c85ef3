using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class MediaAndTaxonomyTests(NewsroomFactory site)
{
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    private static byte[] Image(int width, int height, SKEncodedImageFormat format) => MediaFiles.Image(width, height, format);

    private static Task<HttpResponseMessage> UploadAsync(StaffClient client, byte[] bytes, string fileName, string contentType, string alt = "A test picture") =>
        MediaFiles.UploadAsync(client, bytes, fileName, contentType, alt);

    [Fact]
    public async Task RealImage_IsStored_WithResizedVariants_ServedWithLongCacheLifetimes()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var alt = $"Gulls over the quay {Guid.NewGuid():n}";

        var response = await UploadAsync(writer, Image(1200, 800, SKEncodedImageFormat.Jpeg), "gulls.jpg", "image/jpeg", alt);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        Assert.Equal("image/jpeg", item.ContentType);
        Assert.Equal((1200, 800), (item.Width, item.Height));
        Assert.Equal([480, 960], MediaUrls.ParseWidths(item.VariantWidths));
        foreach (var width in new[] { 480, 960 })
        {
            var variant = await reader.GetAsync($"/media/{MediaUrls.VariantPath(item.StoragePath, width)}");
            Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
            using var decoded = SKBitmap.Decode(await variant.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, decoded.Width);
            Assert.Contains("immutable", variant.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task ImageUsedAsHero_GivesThePublicPageASrcset()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var alt = $"Harbour at dawn {Guid.NewGuid():n}";
        await UploadAsync(editor, Image(1000, 500, SKEncodedImageFormat.Png), "dawn.png", "image/png", alt);
        var media = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        var article = await new ArticleBuilder().SaveAsync(site);

        var fields = ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId);
        fields["HeroMediaId"] = media.Id.ToString();
        await editor.PostFormAsync("/admin/articles/save", fields, tokenFrom: $"/admin/articles/{article.Id}");

        var document = await reader.GetDocumentAsync(article.UrlOf());
        var hero = document.QuerySelector("figure.hero img")!;
        Assert.Equal(alt, hero.GetAttribute("alt"));
        Assert.Contains("480w", hero.GetAttribute("srcset"));
        Assert.Contains("1000w", hero.GetAttribute("srcset"));
        Assert.Equal("960", hero.GetAttribute("width"));
        Assert.Equal("480", hero.GetAttribute("height"));
    }

    [Fact]
    public async Task DeletingAnImageUsedInAStoryBody_IsRefused_NamingTheStory_AndTheLibraryShowsItsUse()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var alt = $"Pier in fog {Guid.NewGuid():n}";
        await UploadAsync(editor, Image(1200, 800, SKEncodedImageFormat.Jpeg), "pier.jpg", "image/jpeg", alt);
        var media = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        var article = await new ArticleBuilder()
            .WithBody($"The pier this morning.\n\n![{alt}](/media/{MediaUrls.VariantPath(media.StoragePath, 960)})\n\nMore to follow.")
            .SaveAsync(site);

        var library = await editor.Http.GetStringAsync("/admin/media");
        Assert.Contains("Used in 1 story", library);
        var refused = await editor.PostFormAsync($"/admin/media/{media.Id}/delete", new(), tokenFrom: "/admin/media");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("was not deleted", page);
        Assert.Contains($"href=\"/admin/articles/{article.Id}\"", page);
        Assert.True(await site.WithDbAsync((db, _) => db.Media.AnyAsync(m => m.Id == media.Id)));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(MediaUrls.Original(media.StoragePath))).StatusCode);
    }

    [Fact]
    public async Task DeletingAnUnusedImage_RemovesItAndItsFiles()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var alt = $"Unused {Guid.NewGuid():n}";
        await UploadAsync(editor, Image(600, 400, SKEncodedImageFormat.Png), "unused.png", "image/png", alt);
        var media = await site.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));

        var deleted = await editor.PostFormAsync($"/admin/media/{media.Id}/delete", new(), tokenFrom: "/admin/media");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await site.WithDbAsync((db, _) => db.Media.AnyAsync(m => m.Id == media.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(MediaUrls.Original(media.StoragePath))).StatusCode);
    }

    [Fact]
    public async Task TextFileNamedJpg_IsRejected_AndNothingIsStored()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var before = await site.WithDbAsync((db, _) => db.Media.CountAsync());

        var response = await UploadAsync(writer, "this is not a picture at all"u8.ToArray(), "holiday.jpg", "image/jpeg");
        var other = await UploadAsync(writer, "this is not a picture at all"u8.ToArray(), "notes.txt", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("named .jpg but is not a JPEG", await response.Content.ReadAsStringAsync());
        Assert.Contains("not a JPEG, PNG, WebP or GIF image", await other.Content.ReadAsStringAsync());
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Media.CountAsync()));
    }

    [Fact]
    public async Task OversizeFile_IsRejectedWithAMessage()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var big = new byte[400_000];
        Image(10, 10, SKEncodedImageFormat.Png).CopyTo(big, 0);

        var response = await UploadAsync(writer, big, "huge.png", "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than the limit of 0.3 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingAltText_IsRefused()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await UploadAsync(writer, Image(100, 100, SKEncodedImageFormat.Png), "a.png", "image/png", alt: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Describe the image", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RenamingASection_RedirectsItsOldAddress()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().SaveAsync(site);
        var oldSlug = article.Section.Slug;

        var saved = await editor.PostFormAsync("/admin/sections/save", new() { ["Id"] = article.SectionId.ToString(), ["Name"] = "Renamed section", ["Slug"] = $"{oldSlug}-renamed" }, tokenFrom: "/admin/sections");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var old = await reader.GetAsync($"/{oldSlug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/{oldSlug}-renamed", old.Headers.Location?.OriginalString);
        // Stories move with their section.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{oldSlug}-renamed/{article.Slug}")).StatusCode);
    }

    [Fact]
    public async Task SectionWithAReservedAddress_IsRefused()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);

        var response = await editor.PostFormAsync("/admin/sections/save", new() { ["Name"] = "Admin" }, tokenFrom: "/admin/sections");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is used by the site itself", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MergingTags_MovesTheStories_AndRedirectsTheOldTag()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var suffix = Guid.NewGuid().ToString("n")[..8];
        var first = await new ArticleBuilder().Tagged($"Ferries {suffix}").SaveAsync(site);
        var second = await new ArticleBuilder().Tagged($"Ferry services {suffix}").SaveAsync(site);
        var (sourceId, targetId) = await site.WithDbAsync(async (db, _) => (
            await db.Tags.Where(t => t.Slug == $"ferries-{suffix}").Select(t => t.Id).SingleAsync(),
            await db.Tags.Where(t => t.Slug == $"ferry-services-{suffix}").Select(t => t.Id).SingleAsync()));

        await editor.PostFormAsync("/admin/tags/merge", new() { ["sourceId"] = sourceId.ToString(), ["targetId"] = targetId.ToString() }, tokenFrom: "/admin/tags");

        var old = await reader.GetAsync($"/tag/ferries-{suffix}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        var merged = await reader.GetDocumentAsync($"/tag/ferry-services-{suffix}");
        var links = merged.QuerySelectorAll(".card-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(first.UrlOf(), links);
        Assert.Contains(second.UrlOf(), links);
    }

    [Fact]
    public async Task DisablingAnAdPlacement_TakesItOffPages()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var article = await new ArticleBuilder().SaveAsync(site);
        Assert.NotEmpty((await reader.GetDocumentAsync(article.UrlOf())).QuerySelectorAll(".article-body .ad"));

        await admin.PostFormAsync("/admin/ads", new() { ["Placement"] = AdPlacements.ArticleInline, ["Html"] = "<p>ad</p>" }, tokenFrom: "/admin/ads");
        try
        {
            Assert.Empty((await reader.GetDocumentAsync(article.UrlOf())).QuerySelectorAll(".article-body .ad"));
        }
        finally
        {
            await admin.PostFormAsync("/admin/ads", new() { ["Placement"] = AdPlacements.ArticleInline, ["Html"] = "<p>ad</p>", ["IsEnabled"] = "true" }, tokenFrom: "/admin/ads");
        }
    }
}

public sealed class SetupPageTests : IAsyncLifetime
{
    private readonly NewsSiteFactory site = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task WithNoAccount_SetupCreatesTheFirstAdministrator_ThenClosesForGood()
    {
        var client = StaffClient.Anonymous(site);
        var signIn = await client.Http.GetAsync("/admin/sign-in");
        Assert.Equal("/admin/setup", signIn.Headers.Location?.OriginalString);

        var created = await client.PostFormAsync("/admin/setup", new()
        {
            ["DisplayName"] = "Founding Editor",
            ["Email"] = "founder@newsroom.test",
            ["Password"] = "a long founding password",
            ["ConfirmPassword"] = "a long founding password",
        }, tokenFrom: "/admin/setup");
        Assert.Equal("/admin", created.Headers.Location?.OriginalString);
        var dashboard = await client.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("signed in as its first administrator", await dashboard.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/admin/setup")).StatusCode);
        var second = await client.Http.PostAsync("/admin/setup", new FormUrlEncodedContent([new("__RequestVerificationToken", await client.TokenAsync("/admin/sign-in")), new("Email", "intruder@evil.test")]));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("/admin", (await StaffClient.Anonymous(site).SignInAsync("founder@newsroom.test", "a long founding password")).Headers.Location?.OriginalString);
    }
}
