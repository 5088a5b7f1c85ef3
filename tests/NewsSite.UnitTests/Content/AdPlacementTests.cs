using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Content;

public sealed class AdPlacementTests
{
    [Fact]
    public void Split_CutsAfterTheNthTopLevelParagraph()
    {
        var split = AdPlacement.Split("<p>1</p><p>2</p><h2>Sub</h2><p>3</p><p>4</p>", 3);

        Assert.Equal("<p>1</p><p>2</p><h2>Sub</h2><p>3</p>", split.Before);
        Assert.Equal("<p>4</p>", split.After);
    }

    [Fact]
    public void Split_IgnoresParagraphsInsideQuotesAndLists()
    {
        var split = AdPlacement.Split("<p>1</p><blockquote><p>q1</p><p>q2</p></blockquote><p>2</p><p>3</p>", 2);

        Assert.Equal("<p>1</p><blockquote><p>q1</p><p>q2</p></blockquote><p>2</p>", split.Before);
        Assert.Equal("<p>3</p>", split.After);
    }

    [Theory]
    [InlineData("<p>1</p><p>2</p>")]
    [InlineData("<p>1</p><p>2</p><p>3</p>")]
    [InlineData("<p>1</p><p>2</p><p>3</p>\n  ")]
    [InlineData("")]
    public void Split_WithNothingAfterTheNthParagraph_PlacesNoAd(string body)
    {
        var split = AdPlacement.Split(body, 3);

        Assert.Null(split.After);
        Assert.Equal(body, split.Before);
    }
}
