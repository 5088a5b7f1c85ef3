using NewsSite.Web.Features.Search;

namespace NewsSite.UnitTests.Search;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("harbour tunnel", "\"harbour\" \"tunnel\"")]
    [InlineData("harbour AND tunnel", "\"harbour\" \"AND\" \"tunnel\"")]
    [InlineData("NEAR(harbour tunnel, 2)", "\"NEAR\" \"harbour\" \"tunnel\" \"2\"")]
    [InlineData("title:harbour*", "\"title\" \"harbour\"")]
    [InlineData("\"unbalanced", "\"unbalanced\"")]
    [InlineData("Harbour harbour HARBOUR", "\"Harbour\"")]
    [InlineData("café", "\"café\"")]
    public void ToMatchExpression_QuotesEveryTerm_SoNothingIsAnOperator(string input, string expected) =>
        Assert.Equal(expected, ArticleSearch.ToMatchExpression(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*()^:")]
    [InlineData("🦘🔥")]
    public void ToMatchExpression_WithNothingSearchable_IsNull(string input) =>
        Assert.Null(ArticleSearch.ToMatchExpression(input));

    [Fact]
    public void ToMatchExpression_KeepsAtMostTwelveTerms() =>
        Assert.Equal(12, ArticleSearch.ToMatchExpression(string.Join(' ', Enumerable.Range(1, 50).Select(i => $"w{i}")))!.Split(' ').Length);

    [Fact]
    public void HighlightedSnippet_EncodesTextAndMarksMatches() =>
        Assert.Equal("&lt;b&gt; the <mark>harbour</mark> &amp; more",
            ArticleSearch.HighlightedSnippet("<b> the \u0001harbour\u0002 & more"));
}
