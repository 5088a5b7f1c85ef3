using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.UnitTests.Content;

/// <summary>
/// Each case runs both ways: a body saved before paragraphs' ends were kept (measured as it is shown), and one cut
/// where <see cref="AdPlacement.Measure"/> found them at save. Both must give the same page.
/// </summary>
public sealed class AdPlacementTests
{
    public static TheoryData<bool> BothWays => [false, true];

    [Theory]
    [MemberData(nameof(BothWays))]
    public void Split_CutsAfterTheNthTopLevelParagraph(bool measuredAtSave)
    {
        var split = Split("<p>1</p><p>2</p><h2>Sub</h2><p>3</p><p>4</p>", 3, measuredAtSave);

        Assert.Equal("<p>1</p><p>2</p><h2>Sub</h2><p>3</p>", split.Before);
        Assert.Equal("<p>4</p>", split.After);
    }

    [Theory]
    [MemberData(nameof(BothWays))]
    public void Split_IgnoresParagraphsInsideQuotesAndLists(bool measuredAtSave)
    {
        var split = Split("<p>1</p><blockquote><p>q1</p><p>q2</p></blockquote><ul><li><p>l</p></li></ul><p>2</p><p>3</p>", 2, measuredAtSave);

        Assert.Equal("<p>1</p><blockquote><p>q1</p><p>q2</p></blockquote><ul><li><p>l</p></li></ul><p>2</p>", split.Before);
        Assert.Equal("<p>3</p>", split.After);
    }

    [Theory]
    [InlineData("<p>1</p><p>2</p>", false)]
    [InlineData("<p>1</p><p>2</p>", true)]
    [InlineData("<p>1</p><p>2</p><p>3</p>", false)]
    [InlineData("<p>1</p><p>2</p><p>3</p>", true)]
    [InlineData("<p>1</p><p>2</p><p>3</p>\n  ", false)]
    [InlineData("<p>1</p><p>2</p><p>3</p>\n  ", true)]
    [InlineData("", false)]
    [InlineData("", true)]
    public void Split_WithNothingAfterTheNthParagraph_PlacesNoAd(string body, bool measuredAtSave)
    {
        var split = Split(body, 3, measuredAtSave);

        Assert.Null(split.After);
    }

    [Fact]
    public void ARenderedBody_CarriesItsParagraphsEnds_AndIsCutAfterTheThirdTopLevelParagraph()
    {
        var body = new ArticleBodyRenderer().Render("""
            First paragraph with **bold** & an [outside link](https://example.org).

            > A quotation
            >
            > in two paragraphs

            Second paragraph.

            - a list
            - of things

            Third paragraph, after which the ad goes.

            ## A subheading

            Fourth paragraph.
            """);

        var split = AdPlacement.Split(body.Html, body.ParagraphEnds, 3);

        Assert.EndsWith("after which the ad goes.</p>", split.Before.TrimEnd());
        Assert.StartsWith("<h2", split.After?.TrimStart());
        Assert.Equal(body.Html, split.Before + split.After);
    }

    [Fact]
    public void ParagraphEndsThatDoNotFitTheBody_PlaceNoAd_RatherThanCutAnywhere()
    {
        Assert.Null(AdPlacement.Split("<p>1</p><p>2</p><p>3</p><p>4</p>", "8,16,999", 3).After);
        Assert.Null(AdPlacement.Split("<p>1</p><p>2</p><p>3</p><p>4</p>", "8,16", 3).After);
    }

    private static SplitBody Split(string body, int paragraphs, bool measuredAtSave)
    {
        if (!measuredAtSave)
        {
            return AdPlacement.Split(body, paragraphs);
        }
        var (html, ends) = AdPlacement.Measure(body);
        return AdPlacement.Split(html, ends, paragraphs);
    }
}
