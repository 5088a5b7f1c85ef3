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
public sealed record CardList(IEnumerable<ArticleCard> Cards, CardStyle Style = CardStyle.Standard, int HeadingLevel = 3, bool Eager = false)
{
    /// <summary>"card-lead", "card-standard" or "card-compact": worked out once for the list, not once a card.</summary>
    public string StyleClass { get; } = "card-" + Style.ToString().ToLowerInvariant();
}

public sealed record PagerView(string Path, int Page, int TotalPages, IReadOnlyDictionary<string, string?>? Query = null)
{
    public string Link(int page) => PageLinks.For(Path, page, Query);
}
