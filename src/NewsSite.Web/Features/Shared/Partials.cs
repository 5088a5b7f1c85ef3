namespace NewsSite.Web.Features.Shared;

public enum CardStyle
{
    /// <summary>The lead story: large picture, large headline, standfirst.</summary>
    Lead,

    /// <summary>Picture, headline and standfirst.</summary>
    Standard,

    /// <summary>Headline and date only, for dense lists.</summary>
    Compact,
}

/// <summary>A list of cards for _ArticleCards, all in one style; Eager loads their pictures at once (the lead's).</summary>
public sealed record CardList(IEnumerable<ArticleCard> Cards, CardStyle Style = CardStyle.Standard, int HeadingLevel = 3, bool Eager = false);

public sealed record PagerView(string Path, int Page, int TotalPages, IReadOnlyDictionary<string, string?>? Query = null)
{
    public string Link(int page) => PageLinks.For(Path, page, Query);
}
