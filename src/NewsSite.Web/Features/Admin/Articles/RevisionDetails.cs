using System.Text.Json;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>
/// What a revision records besides the headline, standfirst and body (<see cref="NewsSite.Data.Entities.ArticleRevision.Details"/>):
/// the ids to restore a working copy or merge with, and the names people read in a diff.
/// </summary>
public sealed record RevisionDetails
{
    public string? Slug { get; init; }
    public int SectionId { get; init; }
    public string Section { get; init; } = "";

    /// <summary>Tag names in the order the editor gave them.</summary>
    public List<string> Tags { get; init; } = [];
    public List<int> AuthorIds { get; init; } = [];

    /// <summary>The byline's names, in order.</summary>
    public List<string> Byline { get; init; } = [];
    public int? HeroMediaId { get; init; }

    /// <summary>How the hero reads in a diff: the image's file name or address.</summary>
    public string? Hero { get; init; }
    public string? HeroImageAlt { get; init; }
    public string? HeroImageCaption { get; init; }
    public string? HeroImageCredit { get; init; }
    public bool IsFeatured { get; init; }
    public bool NoAds { get; init; }

    /// <summary>For a working copy: the publication time typed, in the paper's time zone.</summary>
    public DateTime? PublishAt { get; init; }

    public NewsSite.Data.Entities.WorkType WorkType { get; init; }
    public string? SponsorName { get; init; }
    public string? Dateline { get; init; }
    public string? Backstory { get; init; }

    // Stored, never written into a page: accented and non-Latin names stay one character each, not six ("\u00E9"),
    // so the longest tags, caption and credit fit the column.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RevisionDetails? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RevisionDetails>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
