using AngleSharp.Html.Parser;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Content;

public sealed class BodyBlocksTests
{
    private readonly ArticleBodyRenderer renderer = new();

    private static readonly BodyImage Gull = new(42, "2026/11/gull.jpg", "480,960", 1600, 900, "A gull on a post", "Library caption", "Photo: Ana Ruiz");

    private static IReadOnlyDictionary<int, BodyImage> Library(BodyImage image) => new Dictionary<int, BodyImage> { [image.Id] = image };

    [Fact]
    public void LibraryImage_AloneInParagraph_RendersFigureLikeTheHero()
    {
        var html = renderer.Render("Before.\n\n![Gull at dawn](media:42 \"The harbour at six\")\n\nAfter.", Library(Gull)).Html;

        var figure = new HtmlParser().ParseDocument(html).QuerySelector("figure")!;
        var img = figure.QuerySelector("img")!;
        Assert.Equal("/media/2026/11/gull-960.jpg", img.GetAttribute("src"));
        Assert.Equal("/media/2026/11/gull-480.jpg 480w, /media/2026/11/gull-960.jpg 960w, /media/2026/11/gull.jpg 1600w", img.GetAttribute("srcset"));
        Assert.Equal("(min-width: 64rem) 44rem, 100vw", img.GetAttribute("sizes"));
        Assert.Equal("1600", img.GetAttribute("width"));
        Assert.Equal("900", img.GetAttribute("height"));
        Assert.Equal("Gull at dawn", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("The harbour at six Photo: Ana Ruiz", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Photo: Ana Ruiz", figure.QuerySelector("figcaption span.credit")!.TextContent);
    }

    [Fact]
    public void LibraryImage_WithoutTitleOrAlt_TakesCaptionAndAltFromTheLibrary()
    {
        var html = renderer.Render("![](media:42)", Library(Gull)).Html;

        Assert.Contains("alt=\"A gull on a post\"", html);
        Assert.Contains("<figcaption>Library caption <span class=\"credit\">Photo: Ana Ruiz</span></figcaption>", html);
    }

    [Fact]
    public void LibraryImage_Unknown_LeavesOnlyItsDescriptionAsText()
    {
        var html = renderer.Render("![A deleted photo](media:7 \"cap\")\n\nText with ![inline](media:8) too.", Library(Gull)).Html;

        Assert.Equal("<p>A deleted photo</p>\n<p>Text with inline too.</p>", html);
    }

    [Fact]
    public void LibraryImage_HostileCaptionAltAndCredit_AreEncoded()
    {
        var hostile = Gull with { Credit = "<script>alert(1)</script>", Caption = "<img src=x onerror=alert(2)>" };
        var html = renderer.Render("![\"><script>alert(3)</script>](media:42)", Library(hostile)).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll("img"));
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    [InlineData("https://x.com/nasa/status/1234567890123", "https://platform.twitter.com/embed/Tweet.html?id=1234567890123&amp;dnt=true")]
    [InlineData("<https://twitter.com/nasa/status/1234567890123>", "https://platform.twitter.com/embed/Tweet.html?id=1234567890123&amp;dnt=true")]
    public void EmbedAddress_AloneInParagraph_IsAPlaceholderLinkWithNoFrame(string markdown, string frameSrc)
    {
        var html = renderer.Render(markdown).Html;

        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains($"data-embed-src=\"{frameSrc}\"", html);
        Assert.StartsWith("<figure class=\"embed\"><a class=\"embed-link\" href=\"", html);
    }

    [Theory]
    [InlineData("https://evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("See https://www.youtube.com/watch?v=dQw4w9WgXcQ here")]
    [InlineData("javascript:alert(1)//https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void OtherAddresses_StayPlainLinksOrText(string markdown)
    {
        var html = renderer.Render(markdown).Html;

        Assert.DoesNotContain("data-embed-src", html);
        Assert.DoesNotContain("class=", html);
        Assert.DoesNotContain("href=\"javascript", html);
    }

    [Fact]
    public void RawHtml_CannotSmuggleAFrameAddressOrClasses()
    {
        var html = renderer.Render("<a class=\"embed-link evil\" href=\"https://a.example\" data-embed-src=\"https://evil.example/x\">x</a> <span class=\"big red\" data-embed-src=\"https://www.youtube-nocookie.com/embed/x\">y</span>").Html;

        Assert.Equal("<p><a class=\"embed-link\" href=\"https://a.example\" rel=\"noopener noreferrer\">x</a> <span>y</span></p>", html);
    }

    [Fact]
    public void PullQuote_Container_IsAnAsideWithItsClass()
    {
        var html = renderer.Render("Text.\n\n::: pullquote\nThe sea is **rising**.\n:::\n\n::: other\nPlain.\n:::").Html;

        Assert.Contains("<aside class=\"pullquote\">\n<p>The sea is <strong>rising</strong>.</p>\n</aside>", html);
        Assert.Contains("<div>\n<p>Plain.</p>\n</div>", html);
    }

    [Theory]
    [InlineData(42, "A gull", "At dawn", "![A gull](media:42 \"At dawn\")")]
    [InlineData(7, "Brackets [x]", null, "![Brackets \\[x\\]](media:7)")]
    [InlineData(7, "A\nb", "Say \"hi\"", "![A b](media:7 \"Say \\\"hi\\\"\")")]
    public void MarkdownFor_RoundTripsThroughTheRenderer(int id, string alt, string? caption, string expected)
    {
        var markdown = BodyImages.MarkdownFor(id, alt, caption);

        Assert.Equal(expected, markdown);
        var html = renderer.Render(markdown, Library(Gull with { Id = id, Caption = null })).Html;
        var img = new HtmlParser().ParseDocument(html).QuerySelector("figure img")!;
        Assert.Equal(alt.Replace('\n', ' '), img.GetAttribute("alt"));
    }
}
