using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Content;

public sealed class TextTests
{
    [Theory]
    [InlineData("Harbour tunnel to close", "harbour-tunnel-to-close")]
    [InlineData("  Café owners' Ünion  ", "cafe-owners-union")]
    [InlineData("Council’s £1.1m festival: who paid?", "councils-1-1m-festival-who-paid")]
    [InlineData("---Already--hyphenated---", "already-hyphenated")]
    [InlineData("UPPER case", "upper-case")]
    [InlineData("Zürich naïve façade", "zurich-naive-facade")]
    [InlineData("🦘 emoji only 🔥", "emoji-only")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("日本語", "")]
    public void Slugify_MakesLowerCaseHyphenatedAscii(string input, string expected) =>
        Assert.Equal(expected, Text.Slugify(input));

    [Fact]
    public void Slugify_LongTitle_IsCutAtAWordBoundary()
    {
        var slug = Text.Slugify(string.Join(' ', Enumerable.Repeat("harbour", 30)));

        Assert.True(slug.Length <= Text.MaxSlugLength);
        Assert.EndsWith("harbour", slug);
        Assert.DoesNotContain("--", slug);
    }

    [Fact]
    public void Excerpt_ShortText_IsUnchanged() => Assert.Equal("Short.", Text.Excerpt("Short.", 50));

    [Fact]
    public void Excerpt_LongText_EndsAtAWordWithEllipsis()
    {
        var excerpt = Text.Excerpt("The council agreed its budget shortly before midnight on Tuesday.", 30);

        Assert.Equal("The council agreed its budget…", excerpt);
        Assert.True(excerpt.Length <= 30);
    }

    [Fact]
    public void CountWords_CountsWordsNotPunctuation() =>
        Assert.Equal(8, Text.CountWords("It's a test — with 2 numbers, isn't it?"));
}
