using NewsSite.Web.Features.Articles;

namespace NewsSite.UnitTests.Articles;

public sealed class RelatedRankingTests
{
    [Fact]
    public void MostSharedFirst_ThenNewest_EachOnceWithItsCount()
    {
        // 40 shares two tags, 90 and 75 one each; ids grow with time, so 90 is newer than 75.
        var ranked = ArticleReader.RankRelated("75,40,90,40", 12);

        Assert.Equal([(40, 2), (90, 1), (75, 1)], ranked);
    }

    [Fact]
    public void KeepsOnlyTheFirstFew()
    {
        var ranked = ArticleReader.RankRelated(string.Join(",", Enumerable.Range(1, 400)), 12);

        Assert.Equal(Enumerable.Range(389, 12).Reverse(), ranked.Select(c => c.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NothingShared_RanksNothing(string? ids) => Assert.Empty(ArticleReader.RankRelated(ids, 12));
}
