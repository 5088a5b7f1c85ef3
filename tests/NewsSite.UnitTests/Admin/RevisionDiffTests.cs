using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.UnitTests.Admin;

public sealed class RevisionDiffTests
{
    private static string Side(IReadOnlyList<DiffSegment> segments, DiffKind left) =>
        string.Concat(segments.Where(s => s.Kind == DiffKind.Same || s.Kind == left).Select(s => s.Text));

    [Theory]
    [InlineData("The quick brown fox.", "The slow brown fox.")]
    [InlineData("One paragraph.\r\n\r\nAnother, with commas; and more.", "One paragraph.\n\nAnother — rewritten!")]
    [InlineData("", "All new text")]
    [InlineData("All old text", "")]
    [InlineData("Mrs O’Brien’s well-known café", "Mrs O’Brien’s little café")]
    public void Words_ReadBackExactlyAsEitherSide(string before, string after)
    {
        var segments = RevisionDiff.Words(before, after);

        Assert.Equal(before, Side(segments, DiffKind.Removed));
        Assert.Equal(after, Side(segments, DiffKind.Added));
    }

    [Fact]
    public void Words_MarkOnlyTheChangedWord_NotItsParagraph()
    {
        var segments = RevisionDiff.Words("The quick brown fox jumps.\n\nSecond paragraph.", "The slow brown fox jumps.\n\nSecond paragraph.");

        Assert.Equal([new DiffSegment(DiffKind.Same, "The "), new DiffSegment(DiffKind.Removed, "quick"), new DiffSegment(DiffKind.Added, "slow"),
            new DiffSegment(DiffKind.Same, " brown fox jumps.\n\nSecond paragraph.")], segments);
    }

    [Fact]
    public void Words_ShowARewrittenPhraseAsOnePhraseRemovedAndOneAdded()
    {
        var segments = RevisionDiff.Words("He said the original wording. Then left.", "He said a rewritten version. Then left.");

        Assert.Equal([new DiffSegment(DiffKind.Same, "He said "), new DiffSegment(DiffKind.Removed, "the original wording"), new DiffSegment(DiffKind.Added, "a rewritten version"),
            new DiffSegment(DiffKind.Same, ". Then left.")], segments);
    }

    [Fact]
    public void Details_SayNotRecordedForARevisionWithout_AndCompareTagsInOrder()
    {
        var before = new RevisionDetails { Tags = ["Harbour", "Council"] };
        var after = before with { Tags = ["Council", "Harbour"] };

        var recorded = RevisionDiff.Details(before, after).Single(d => d.Field == "Tags");
        var old = RevisionDiff.Details(null, after).Single(d => d.Field == "Tags");

        Assert.True(recorded.Changed); // the order is the editor's: the first tag is the main topic
        Assert.Null(old.Before);
        Assert.Equal("Council, Harbour", old.After);
    }
}
