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

public sealed record CardView(ArticleCard Card, CardStyle Style = CardStyle.Standard, int HeadingLevel = 3, bool Eager = false);

public sealed record PagerView(string Path, int Page, int TotalPages, IReadOnlyDictionary<string, string?>? Query = null)
{
    public string Link(int page) => PageLinks.For(Path, page, Query);
}
