using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class EmailImageTests(NewsletterFactory site)
{
    private static int IdFrom(HttpResponseMessage response) => int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());

    [Fact]
    public async Task IssueEmail_TurnsAWebPPictureIntoAnEmailSizedJpeg_AndLeavesOutAnSvg_WhileTheWebVersionKeepsThem()
    {
        // A 1600-pixel-wide WebP, as a newsroom uploads from a phone or a CMS export.
        var storagePath = $"2026/11/harbour-{Guid.NewGuid():n}.webp";
        using (var bitmap = new SKBitmap(1600, 900))
        {
            bitmap.Erase(new SKColor(20, 90, 160));
            using var webp = bitmap.Encode(SKEncodedImageFormat.Webp, 80);
            await site.Services.GetRequiredService<IMediaStorage>().WriteAsync(storagePath, webp.AsStream(), CancellationToken.None);
        }
        var webpStory = await new ArticleBuilder().Titled($"Harbour at dawn {Guid.NewGuid():n}")
            .With(a => { a.HeroImageUrl = MediaUrls.Original(storagePath); a.HeroImageAlt = "The harbour at dawn"; }).SaveAsync(site);
        var svgStory = await new ArticleBuilder().Titled($"Chart of the week {Guid.NewGuid():n}")
            .With(a => { a.HeroImageUrl = "/images/sample/chart.svg"; a.HeroImageAlt = "A chart"; }).SaveAsync(site);
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var id = IdFrom(await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", "Pictures that arrive"), new("ArticleIds", webpStory.Id.ToString()), new("ArticleIds", svgStory.Id.ToString())], tokenFrom: "/admin/newsletters/new"));

        var email = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}/preview.html"));

        var pictures = email.QuerySelectorAll("img").Select(i => i.GetAttribute("src")!).ToList();
        var jpeg = Assert.Single(pictures);
        Assert.EndsWith($"/media/email/{Path.ChangeExtension(storagePath, ".jpg")}", jpeg);
        Assert.Contains(svgStory.Title, email.Body!.TextContent);
        var served = await site.CreateBrowserlessClient().GetAsync(new Uri(jpeg).AbsolutePath);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 675), (decoded.Width, decoded.Height));

        // Rendering again reuses the copy rather than failing on a name that is taken.
        var again = Html.Parse(await editor.GetStringAsync($"/admin/newsletters/{id}/preview.html"));
        Assert.Equal(jpeg, again.QuerySelector("img")?.GetAttribute("src"));
    }
}
