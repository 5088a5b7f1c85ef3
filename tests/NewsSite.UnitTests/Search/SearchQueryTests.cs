using NewsSite.Web.Features.Search;
using NewsSite.Web.Infrastructure.Database.Sqlite;

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
    public void MatchExpression_QuotesEveryTerm_SoNothingIsAnOperator(string input, string expected) =>
        Assert.Equal(expected, SqliteFullTextSearch.MatchExpression(ArticleSearch.Terms(input)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*()^:")]
    [InlineData("🦘🔥")]
    public void Terms_WithNothingSearchable_AreNone(string input) =>
        Assert.Empty(ArticleSearch.Terms(input));

    [Fact]
    public void Terms_AreAtMostTwelve() =>
        Assert.Equal(12, ArticleSearch.Terms(string.Join(' ', Enumerable.Range(1, 50).Select(i => $"w{i}"))).Count);

    [Fact]
    public void HighlightedSnippet_EncodesTextAndMarksMatches() =>
        Assert.Equal("&lt;b&gt; the <mark>harbour</mark> &amp; more",
            ArticleSearch.HighlightedSnippet("<b> the \u0001harbour\u0002 & more"));
}
