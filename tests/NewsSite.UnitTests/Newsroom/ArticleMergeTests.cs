using NewsSite.Web.Features.Admin.Articles;

namespace NewsSite.UnitTests.Newsroom;

public sealed class ArticleMergeTests
{
    private const string Base = "Paragraph one.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.";

    [Fact]
    public void ChangesToDifferentParagraphs_AreBothKept()
    {
        var merged = ArticleMerge.MergeBody(Base,
            "Paragraph one, theirs.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.",
            "Paragraph one.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four, mine.");

        Assert.Equal("Paragraph one, theirs.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four, mine.", merged);
    }

    [Fact]
    public void ChangesToNeighbouringParagraphs_AreBothKept()
    {
        var merged = ArticleMerge.MergeBody(Base,
            "Paragraph one.\n\nParagraph two, theirs.\n\nParagraph three.\n\nParagraph four.",
            "Paragraph one.\n\nParagraph two.\n\nParagraph three, mine.\n\nParagraph four.");

        Assert.Equal("Paragraph one.\n\nParagraph two, theirs.\n\nParagraph three, mine.\n\nParagraph four.", merged);
    }

    [Fact]
    public void AParagraphAddedByOne_AndAnotherChangedByTheOther_AreBothKept()
    {
        var merged = ArticleMerge.MergeBody(Base,
            "Paragraph one.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.\n\nA new last paragraph.",
            "Paragraph one, mine.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.");

        Assert.Equal("Paragraph one, mine.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.\n\nA new last paragraph.", merged);
    }

    [Fact]
    public void ChangesToTheSameParagraph_DoNotMerge()
    {
        Assert.Null(ArticleMerge.MergeBody(Base,
            "Paragraph one, theirs.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four.",
            "Paragraph one, mine.\n\nParagraph two.\n\nParagraph three.\n\nParagraph four."));
    }

    [Fact]
    public void FieldsBesideTheBody_TakeWhicheverSideChangedThem_AndBothChangingOneIsAConflict()
    {
        var @base = new ArticleForm { Title = "Headline", SectionId = 1, Tags = "Harbour", BodyMarkdown = Base, Version = 3 };
        var theirs = @base with { Version = 4, Tags = "Harbour, Storms" };
        var mine = @base with { Title = "A better headline" };

        var merged = ArticleMerge.Merge(@base, theirs, mine)!;

        Assert.Equal("A better headline", merged.Title);
        Assert.Equal("Harbour, Storms", merged.Tags);
        Assert.Equal(4, merged.Version);
        Assert.Null(ArticleMerge.Merge(@base, theirs, mine with { Tags = "Harbour, Weather" }));
    }
}
