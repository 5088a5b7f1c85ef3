using NewsSite.Web.Features.Shared;

namespace NewsSite.UnitTests.Shared;

public sealed class PagedTests
{
    [Theory]
    [InlineData(1, 0, false, false, false)]
    [InlineData(1, 12, false, false, false)]
    [InlineData(1, 13, false, true, false)]
    [InlineData(2, 13, true, false, false)]
    [InlineData(3, 13, true, false, true)]
    [InlineData(0, 13, false, true, true)]
    public void Paging_KnowsItsNeighboursAndRange(int page, int total, bool hasPrevious, bool hasNext, bool outOfRange)
    {
        var paged = new Paged<int>([], page, 12, total);

        Assert.Equal(hasPrevious, paged.HasPrevious);
        Assert.Equal(hasNext, paged.HasNext);
        Assert.Equal(outOfRange, paged.IsOutOfRange);
    }

    [Fact]
    public void PageLinks_KeepOtherParameters_AndDropPageOne()
    {
        var query = new Dictionary<string, string?> { ["q"] = "harbour & sea", ["page"] = "9" };

        Assert.Equal("/search?q=harbour%20%26%20sea", PageLinks.For("/search", 1, query));
        Assert.Equal("/search?q=harbour%20%26%20sea&page=2", PageLinks.For("/search", 2, query));
        Assert.Equal("/city", PageLinks.For("/city", 1));
    }
}
