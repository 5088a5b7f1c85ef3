using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Content;

public sealed class ArticleBodyRendererTests
{
    private readonly ArticleBodyRenderer renderer = new();

    [Fact]
    public void Render_TurnsMarkdownIntoHtml_WithPlainText()
    {
        var body = renderer.Render("## Heading\n\nA **bold** claim with a [link](https://example.org).\n\n- one\n- two");

        Assert.Contains("<strong>bold</strong>", body.Html);
        Assert.Contains("<li>one</li>", body.Html);
        Assert.Equal("Heading A bold claim with a link. one two", body.Text);
        Assert.Contains("rel=\"noopener noreferrer\"", body.Html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>")]
    public void Render_RemovesAnythingThatCouldRunScript(string markdown)
    {
        var html = renderer.Render(markdown).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("script")]
    [InlineData("style")]
    [InlineData("textarea")]
    [InlineData("title")]
    [InlineData("iframe")]
    [InlineData("noscript")]
    [InlineData("xmp")]
    [InlineData("plaintext")]
    [InlineData("select")]
    [InlineData("svg")]
    public void Render_ATagMentionedInProse_IsShownAsText_AndKeepsTheRestOfTheArticle(string tag)
    {
        var body = renderer.Render($"Use the <{tag}> tag carefully.\n\nSecond paragraph.\n\n- a list item");

        Assert.Contains($"<p>Use the &lt;{tag}&gt; tag carefully.</p>", body.Html);
        Assert.Contains("<p>Second paragraph.</p>", body.Html);
        Assert.Contains("<li>a list item</li>", body.Html);
        Assert.Equal($"Use the <{tag}> tag carefully. Second paragraph. a list item", body.Text);
    }

    [Theory]
    [InlineData("<textarea>\nNotes\n\nSecond paragraph.")]
    [InlineData("<script>\nvar x = 1;\n\nSecond paragraph.")]
    [InlineData("<style>\n\nSecond paragraph.")]
    public void Render_AnUnclosedRawTextElementOnItsOwnLine_DoesNotSwallowTheArticle(string markdown)
    {
        var html = renderer.Render(markdown).Html;

        Assert.Contains("<p>Second paragraph.</p>", html);
        Assert.DoesNotContain("<textarea", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<style", html);
    }

    [Fact]
    public void Render_KeepsRawHtmlThatIsAllowed_AndCodeSpansAsWritten()
    {
        var html = renderer.Render("H<sub>2</sub>O is <abbr title=\"water\">wet</abbr>. Write `<script>` in code.\n\n<div>\nA block of its own.\n</div>").Html;

        Assert.Contains("H<sub>2</sub>O", html);
        Assert.Contains("<abbr title=\"water\">wet</abbr>", html);
        Assert.Contains("<code>&lt;script&gt;</code>", html);
        Assert.Contains("A block of its own.", html);
        Assert.Contains("<div>", html);
    }

    [Fact]
    public void Render_ATagLeftOpen_EndsWithItsParagraph()
    {
        var html = renderer.Render("See <a href=\"https://example.org\">the report <b>now\n\nSecond paragraph.").Html;

        Assert.Contains("<p>See <a href=\"https://example.org\" rel=\"noopener noreferrer\">the report <b>now</b></a></p>", html);
        Assert.Contains("<p>Second paragraph.</p>", html);
    }

    [Fact]
    public void Render_RawTagsNestedHundredsDeep_AreShownAsTextBeyondALimit()
    {
        var html = renderer.Render(string.Concat(Enumerable.Repeat("<span>", 500)) + "deep").Html;

        Assert.Contains("deep", html);
        Assert.Contains("&lt;span&gt;", html);
    }

    [Theory]
    [InlineData('>')]
    [InlineData('-')]
    public void TryRender_MarkdownNestedTooDeeply_IsRefused(char marker)
    {
        var markdown = marker == '>'
            ? new string('>', 128) + " deep"
            : string.Join("\n", Enumerable.Range(0, 128).Select(i => new string(' ', i * 2) + "- item"));

        Assert.Null(renderer.TryRender(markdown));
        Assert.NotNull(renderer.TryRender(new string('>', 20) + " a quote in quotes"));
    }

    [Fact]
    public void Render_MakesBodyImagesLazy()
    {
        var html = renderer.Render("![A gull](/images/gull.jpg)").Html;

        Assert.Contains("loading=\"lazy\"", html);
        Assert.Contains("alt=\"A gull\"", html);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(230, 1)]
    [InlineData(231, 2)]
    [InlineData(1150, 5)]
    public void ReadingTime_RoundsUpAt230WordsAMinute(int words, int minutes) =>
        Assert.Equal(minutes, ArticleBodyRenderer.ReadingTime(string.Join(' ', Enumerable.Repeat("word", words))));
}
