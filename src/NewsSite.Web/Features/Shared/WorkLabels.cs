using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Shared;

/// <summary>How a story's type of work reads to people and to search engines.</summary>
public static class WorkLabels
{
    /// <summary>
    /// The label readers see, or null for news: like printed papers, only what is not straight reporting wears a
    /// label, so the labels that matter (Opinion, Sponsored) are not lost among a hundred "News" tags.
    /// </summary>
    public static string? Shown(WorkType type) => type == WorkType.News ? null : type.ToString();

    public static string CssClass(WorkType type) => "label-" + type.ToString().ToLowerInvariant();

    /// <summary>The schema.org type of the story's JSON-LD (the Trust Project's mapping of types of work).</summary>
    public static string SchemaType(WorkType type) => type switch
    {
        WorkType.Analysis => "AnalysisNewsArticle",
        WorkType.Opinion => "OpinionNewsArticle",
        WorkType.Review => "ReviewNewsArticle",
        WorkType.Explainer => "BackgroundNewsArticle",
        WorkType.Live => "LiveBlogPosting",
        WorkType.Sponsored => "AdvertiserContentArticle",
        _ => "NewsArticle",
    };

    /// <summary>"Paid for by Harbour Energy": shown beside the byline, so paid content never passes as the paper's own.</summary>
    public static string? PaidFor(WorkType type, string? sponsor) =>
        type == WorkType.Sponsored && !string.IsNullOrWhiteSpace(sponsor) ? $"Paid for by {sponsor}" : null;

    /// <summary>A live story's card label: "Live" while its coverage runs (with the pulsing dot), "Live coverage ended" after.</summary>
    public static string? Shown(WorkType type, LiveState live) => live switch
    {
        LiveState.Running => "Live",
        LiveState.Ended => "Live coverage ended",
        _ => Shown(type),
    };
}
