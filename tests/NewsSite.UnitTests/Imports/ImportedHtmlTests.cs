using NewsSite.Web.Features.Imports;
using NewsSite.Web.Features.Imports.WordPress;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Imports;

public sealed class ImportedHtmlTests
{
    private static readonly ImportedHtml Html = new();
    private static readonly ArticleBodyRenderer Renderer = new();

    private static string Convert(string html, bool autop = true) => Html.ToMarkdown(html, autop, _ => null);

    [Fact]
    public void WordPressParagraphs_BlankLinesSplit_SingleNewlinesBreak()
    {
        var markdown = Convert("First line\nsecond line\n\nNext paragraph");

        Assert.Equal("First line\\\nsecond line\n\nNext paragraph\n", markdown);
        Assert.Equal("<p>First line<br>\nsecond line</p>\n<p>Next paragraph</p>", Renderer.Render(markdown).Html);
    }

    [Fact]
    public void IndentedHtml_IsNotACodeBlock()
    {
        var html = Renderer.Render(Convert("    <p>Indented paragraph</p>\n\n        <ul>\n            <li>one</li>\n        </ul>")).Html;

        Assert.DoesNotContain("<pre>", html);
        Assert.Contains("<p>Indented paragraph</p>", html);
        Assert.Contains("<li>one</li>", html);
    }

    [Fact]
    public void MarkdownLookingText_StaysText()
    {
        var html = Renderer.Render(Convert("1. Not a list *nor emphasis* [nor a link](x) # nor a heading\n\n# neither this")).Html;

        Assert.Contains("1. Not a list *nor emphasis* [nor a link](x) # nor a heading", html);
        Assert.Contains("# neither this", html);
        Assert.DoesNotContain("<ol>", html);
        Assert.DoesNotContain("<h1>", html);
    }

    [Fact]
    public void Caption_BecomesImageAndCaption_UnknownShortcodeStays()
    {
        var handled = new List<string>();
        var content = Shortcodes.Expand("[caption id=\"a\" width=\"300\"]<img src=\"https://old.example/a.jpg\" alt=\"A boat\"> The boat at dawn[/caption]\n\n[poll id=\"3\"]", _ => [], handled);

        var html = Renderer.Render(Convert(content)).Html;

        Assert.Contains("<img src=\"https://old.example/a.jpg\" alt=\"A boat\"", html);
        Assert.Contains("<em>The boat at dawn</em>", html);
        Assert.Contains("[poll id=\"3\"]", html);
        Assert.Equal(["poll"], Shortcodes.Remaining(content));
    }

    [Theory]
    [InlineData("https://old.example/wp-content/uploads/2011/07/x.jpg", "2011/07/x.jpg")]
    [InlineData("https://paper.files.wordpress.com/2011/07/x.jpg?w=604", "2011/07/x.jpg")]
    [InlineData("/wp-content/uploads/2011/07/a%20b.jpg", "2011/07/a b.jpg")]
    [InlineData("https://old.example/wp-content/uploads/../../etc/passwd", null)]
    [InlineData("https://elsewhere.example/photo.jpg", null)]
    public void UploadPath_MapsTheOldAddressUnderTheUploadsFolder(string url, string? expected) =>
        Assert.Equal(expected, WordPressImporter.UploadPath(url));

    [Theory]
    [InlineData("https://old.example/2012/01/03/Some-Post/", "/2012/01/03/some-post")]
    [InlineData("https://old.example/?p=123&utm_source=x", "/?p=123")]
    [InlineData("/?page_id=7", "/?page_id=7")]
    [InlineData("/greek/%ce%b5%cf%80/", "/greek/επ")]
    public void LegacyPaths_AreStoredDecodedLowerCaseWithoutTheTrailingSlash(string address, string expected) =>
        Assert.Equal(expected, LegacyPaths.Normalize(address));
}
