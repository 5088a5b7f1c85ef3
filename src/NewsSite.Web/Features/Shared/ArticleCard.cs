using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Shared;

/// <summary>What a list shows of an article: the front page, sections, tags, search results, related stories.</summary>
public sealed record ArticleCard(
    int Id,
    string Title,
    string Url,
    string Standfirst,
    string SectionName,
    string SectionSlug,
    DateTime PublishedAt,
    string? ImageUrl,
    string? ImageAlt,
    string? Byline,
    WorkType WorkType = WorkType.News,
    string? SponsorName = null,
    LiveState Live = LiveState.None);

/// <summary>A live story's state as its card shows it: running coverage wears the live label, ended coverage says so.</summary>
public enum LiveState
{
    None,
    Running,
    Ended,
}
