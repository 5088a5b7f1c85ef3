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
    string? SponsorName = null);
