using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Images and embeds in a story's body, and the editor's JSON for uploading and picking images.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class BodyMediaTests(NewsroomFactory site)
{
    private readonly HttpClient reader = site.CreateBrowserlessClient();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Item(int Id, string Markdown, string ThumbnailUrl, string Alt, string? Caption, string? Credit, int Width, int Height, string FileName);

    private sealed record PickerPage(List<Item> Items, int Page, bool HasMore);

    private sealed record Problem(string Error);

    private Task<int> CitySectionIdAsync() => site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == "city").Select(s => s.Id).SingleAsync());

    private Task<Article> ArticleAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Include(a => a.Section).AsNoTracking().SingleAsync(a => a.Id == id));

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task<HttpResponseMessage> UploadJsonAsync(StaffClient client, byte[] bytes, string fileName, string? alt = null, string? caption = null, string? credit = null, bool withToken = true)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("AltText", alt), ("Caption", caption), ("Credit", credit) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload.json") { Content = form };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", await client.TokenAsync("/admin/articles/new"));
        }
        return await client.Http.SendAsync(request);
    }

    private static async Task<Item> UploadedAsync(StaffClient client, string alt, string? caption = null, string? credit = null, string fileName = "photo.jpg")
    {
        var response = await UploadJsonAsync(client, MediaFiles.Image(1200, 800, SKEncodedImageFormat.Jpeg), fileName, alt, caption, credit);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Item>(Web))!;
    }

    [Fact]
    public async Task WriterUploadsForTheBody_AndThePublishedStoryShowsAFigureWithCaptionCreditAndSrcset()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var caption = $"The quay at low tide {Guid.NewGuid():n}";

        var item = await UploadedAsync(writer, "Boats resting on mud", caption, "Photo: Ana <Ruiz>");

        Assert.Equal($"![Boats resting on mud](media:{item.Id} \"{caption}\")", item.Markdown);
        Assert.Equal((1200, 800), (item.Width, item.Height));
        Assert.Equal("Photo: Ana <Ruiz>", item.Credit);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(item.ThumbnailUrl)).StatusCode);

        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var title = $"Low tide {Guid.NewGuid():n}";
        var id = IdFrom(await editor.PostFormAsync("/admin/articles/publish",
            ArticleFields.For(null, 0, title, await CitySectionIdAsync(), body: $"The tide went out.\n\n{item.Markdown}\n\nAnd came back."), tokenFrom: "/admin/articles/new"));

        var document = await reader.GetDocumentAsync((await ArticleAsync(id)).UrlOf());
        var figure = document.QuerySelector(".article-body figure")!;
        var img = figure.QuerySelector("img")!;
        Assert.Equal("Boats resting on mud", img.GetAttribute("alt"));
        Assert.Contains("480w", img.GetAttribute("srcset"));
        Assert.Contains("1200w", img.GetAttribute("srcset"));
        Assert.Equal("(min-width: 64rem) 44rem, 100vw", img.GetAttribute("sizes"));
        Assert.Equal($"{caption} Photo: Ana <Ruiz>", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Photo: Ana <Ruiz>", figure.QuerySelector("figcaption .credit")!.TextContent);
    }

    [Fact]
    public async Task LivePreview_RendersLibraryImagesAsFigures_AndUnknownOnesAsTheirDescription()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var item = await UploadedAsync(writer, "A heron", "Waiting", "Photo: Kim");

        var response = await writer.PostFormAsync("/admin/articles/preview-body",
            new() { ["markdown"] = $"{item.Markdown}\n\n![A lost picture](media:999999)" }, tokenFrom: "/admin/articles/new");

        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Waiting Photo: Kim", document.QuerySelector("figure figcaption")!.TextContent);
        Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal("A lost picture", document.QuerySelectorAll("p").Last().TextContent);
    }

    [Fact]
    public async Task UploadJson_WithoutAntiforgeryToken_IsRefused_AndStoresNothing()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var alt = $"Forged {Guid.NewGuid():n}";

        var response = await UploadJsonAsync(writer, MediaFiles.Image(600, 400, SKEncodedImageFormat.Png), "forged.png", alt, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await site.WithDbAsync((db, _) => db.Media.AnyAsync(m => m.AltText == alt)));
    }

    [Fact]
    public async Task UploadJson_Anonymous_IsSentToSignIn()
    {
        var anonymous = StaffClient.Anonymous(site);

        var response = await anonymous.Http.PostAsync("/admin/media/upload.json", new MultipartFormDataContent());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/sign-in", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("notes.jpg", "That file is named .jpg but is not a JPEG")]
    [InlineData(null, "Choose an image file to upload.")]
    public async Task UploadJson_Invalid_AnswersJson400WithAClearMessage(string? fileName, string message)
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = fileName is null
            ? await UploadJsonAsync(writer, [], "empty.jpg", "Nothing")
            : await UploadJsonAsync(writer, "just some text"u8.ToArray(), fileName, "Not a picture");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(message, (await response.Content.ReadFromJsonAsync<Problem>(Web))!.Error);
    }

    [Fact]
    public async Task UploadJson_CaptionTooLong_AnswersJson400()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var response = await UploadJsonAsync(writer, MediaFiles.Image(600, 400, SKEncodedImageFormat.Png), "long.png", "Long", new string('c', 1001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Caption", (await response.Content.ReadFromJsonAsync<Problem>(Web))!.Error);
    }

    [Fact]
    public async Task Picker_FindsByDescriptionCaptionCreditOrFileName_AndPages()
    {
        var token = Guid.NewGuid().ToString("n");
        await site.WithDbAsync(async (db, _) =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 26; i++)
            {
                db.Media.Add(new MediaItem
                {
                    OriginalFileName = i == 0 ? $"{token}.jpg" : "x.jpg", StoragePath = $"2026/01/{Guid.NewGuid():n}.jpg", ContentType = "image/jpeg",
                    Width = 800, Height = 600, AltText = i == 1 ? $"Alt {token.ToUpperInvariant()}" : "Alt", Caption = i == 2 ? $"Caption {token}" : null,
                    Credit = i > 2 ? $"Credit {token}" : null, VariantWidths = "480", UploadedAt = now.AddSeconds(-i),
                });
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);

        var first = (await writer.Http.GetFromJsonAsync<PickerPage>($"/admin/media/picker.json?q={token}", Web))!;
        var second = (await writer.Http.GetFromJsonAsync<PickerPage>($"/admin/media/picker.json?q={token}&page=2", Web))!;
        var none = (await writer.Http.GetFromJsonAsync<PickerPage>($"/admin/media/picker.json?q=nothing-{token}", Web))!;

        Assert.Equal(24, first.Items.Count);
        Assert.True(first.HasMore);
        Assert.Equal(2, second.Items.Count);
        Assert.False(second.HasMore);
        Assert.Equal(26, first.Items.Concat(second.Items).Select(i => i.Id).Distinct().Count());
        Assert.Equal($"{token}.jpg", first.Items[0].FileName);
        Assert.EndsWith("-480.jpg", first.Items[0].ThumbnailUrl);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Library_SearchesAndEditsDetails_AndStoriesShowingTheImageFollow()
    {
        // An editor: a published story shows the image, and a writer may not change what readers see.
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var token = Guid.NewGuid().ToString("n");
        var item = await UploadedAsync(writer, $"Old description {token}", "Old caption", "Old credit");
        var article = await new ArticleBuilder().WithBody($"Text.\n\n![](media:{item.Id})").SaveAsync(site);
        Assert.Contains("Old caption", (await reader.GetDocumentAsync(article.UrlOf())).QuerySelector(".article-body figcaption")!.TextContent);

        var found = await writer.GetStringAsync($"/admin/media?q={token.ToUpperInvariant()}");
        var missing = await writer.GetStringAsync($"/admin/media?q=absent-{token}");
        Assert.Contains($"/admin/media/{item.Id}/edit", found);
        Assert.DoesNotContain($"/admin/media/{item.Id}/edit", missing);

        var saved = await writer.PostFormAsync($"/admin/media/{item.Id}/edit",
            new() { ["Form.AltText"] = "New description", ["Form.Caption"] = "New <b>caption</b>", ["Form.Credit"] = "New credit" },
            tokenFrom: $"/admin/media/{item.Id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await site.WithDbAsync((db, _) => db.Media.AsNoTracking().SingleAsync(m => m.Id == item.Id));
        Assert.Equal(("New description", "New <b>caption</b>", "New credit"), (stored.AltText, stored.Caption, stored.Credit));
        var figure = (await reader.GetDocumentAsync(article.UrlOf())).QuerySelector(".article-body figure")!;
        Assert.Equal("New <b>caption</b> New credit", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("New description", figure.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task Library_EditWithoutToken_IsRefused_AndTooLongCaption_IsShownBack()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var item = await UploadedAsync(writer, "Unchanged", "Unchanged caption");

        var forged = await writer.Http.PostAsync($"/admin/media/{item.Id}/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Caption"] = "Forged" }));
        var tooLong = await writer.PostFormAsync($"/admin/media/{item.Id}/edit", new() { ["Form.Caption"] = new string('c', 1001) }, tokenFrom: $"/admin/media/{item.Id}/edit");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("field-validation-error", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal("Unchanged caption", await site.WithDbAsync((db, _) => db.Media.Where(m => m.Id == item.Id).Select(m => m.Caption).SingleAsync()));
    }

    [Fact]
    public async Task DetailsJson_UpdatesTheImage_AndAnswersTheNewMarkdown()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var item = await UploadedAsync(writer, "");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/media/{item.Id}/details.json")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["AltText"] = "A pasted chart", ["Caption"] = "Sales by year", ["Credit"] = "Chart: Desk" }),
        };
        request.Headers.Add("RequestVerificationToken", await writer.TokenAsync("/admin/articles/new"));

        var response = await writer.Http.SendAsync(request);

        var updated = (await response.Content.ReadFromJsonAsync<Item>(Web))!;
        Assert.Equal($"![A pasted chart](media:{item.Id} \"Sales by year\")", updated.Markdown);
        Assert.Equal("Chart: Desk", updated.Credit);
    }

    [Fact]
    public async Task DeletingAnImageReferencedByIdInABody_IsRefused()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var item = await UploadedAsync(writer, "Kept");
        await new ArticleBuilder().WithBody($"![Kept](media:{item.Id} \"cap\")").SaveAsync(site);
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);

        var refused = await admin.PostFormAsync($"/admin/media/{item.Id}/delete", new(), tokenFrom: "/admin/media");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True(await site.WithDbAsync((db, _) => db.Media.AnyAsync(m => m.Id == item.Id)));
    }

    [Fact]
    public async Task EmbedAddresses_AreStoredAsLinksOnly_AndThePageMayFrameExactlyTheirHosts()
    {
        var article = await new ArticleBuilder()
            .WithBody("Watch:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://evil.example/watch?v=dQw4w9WgXcQ\n\n[x](javascript:alert(1))\n\n::: pullquote\nThe sea is rising.\n:::")
            .WithoutAds()
            .SaveAsync(site);

        var response = await reader.GetAsync(article.UrlOf());
        var document = Html.Parse(await response.Content.ReadAsStringAsync());

        var body = document.QuerySelector(".article-body")!;
        Assert.Empty(body.QuerySelectorAll("iframe, script"));
        var embed = Assert.Single(body.QuerySelectorAll("a.embed-link"));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", embed.GetAttribute("href"));
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", embed.GetAttribute("data-embed-src"));
        Assert.Equal("https://evil.example/watch?v=dQw4w9WgXcQ", body.QuerySelector("a:not(.embed-link)")!.GetAttribute("href"));
        Assert.DoesNotContain("javascript:", body.InnerHtml);
        Assert.Equal("The sea is rising.", body.QuerySelector("aside.pullquote")!.TextContent.Trim());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com https://platform.twitter.com;", policy);
        Assert.Contains("script-src 'self';", policy);
    }
}
