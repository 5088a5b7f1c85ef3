using System.ComponentModel.DataAnnotations;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Shared;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>What the editor posts. Times are in the paper's time zone, as typed; the editor service converts them.</summary>
public sealed record ArticleForm
{
    public const int MaxBodyLength = 200_000;

    public const string TooDeeplyNested = "The body is nested too deeply to show (quotes or lists inside each other, or brackets and asterisks by the hundred). Flatten it and try again.";

    public int? Id { get; init; }

    /// <summary>The version the editor started from; a save against a newer one is a conflict.</summary>
    public int Version { get; init; }

    [Required(ErrorMessage = "Write a headline."), StringLength(300, ErrorMessage = "Keep the headline under 300 characters.")]
    [Display(Name = "Headline")]
    public string Title { get; init; } = "";

    [StringLength(200), RegularExpression("^[a-z0-9]+(?:-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single hyphens only.")]
    [Display(Name = "Address (slug)")]
    public string? Slug { get; init; }

    [StringLength(1000, ErrorMessage = "Keep the standfirst under 1,000 characters.")]
    public string? Standfirst { get; init; }

    [Range(1, int.MaxValue, ErrorMessage = "Choose a section.")]
    [Display(Name = "Section")]
    public int SectionId { get; init; }

    [StringLength(1000), Display(Name = "Tags")]
    public string? Tags { get; init; }

    [Display(Name = "Byline")]
    public List<int> AuthorIds { get; init; } = [];

    [Display(Name = "Hero image")]
    public int? HeroMediaId { get; init; }

    [StringLength(500), Display(Name = "Image description (alt text)")]
    public string? HeroImageAlt { get; init; }

    [StringLength(1000), Display(Name = "Caption")]
    public string? HeroImageCaption { get; init; }

    [StringLength(300), Display(Name = "Credit")]
    public string? HeroImageCredit { get; init; }

    [Display(Name = "Featured on the front page")]
    public bool IsFeatured { get; init; }

    [Display(Name = "No advertising (sensitive story)")]
    public bool NoAds { get; init; }

    [StringLength(MaxBodyLength, ErrorMessage = "The body is too long: keep it under 200,000 characters.")]
    [Display(Name = "Body (Markdown)")]
    public string? BodyMarkdown { get; init; }

    [Display(Name = "Publish at")]
    public DateTime? PublishAt { get; init; }

    [Display(Name = "Type of work")]
    public WorkType WorkType { get; init; }

    [StringLength(200, ErrorMessage = "Keep the sponsor's name under 200 characters."), Display(Name = "Paid for by")]
    public string? SponsorName { get; init; }

    [StringLength(100, ErrorMessage = "Keep the dateline under 100 characters."), Display(Name = "Dateline")]
    public string? Dateline { get; init; }

    [StringLength(2000, ErrorMessage = "Keep “How we reported this” under 2,000 characters."), Display(Name = "How we reported this")]
    public string? Backstory { get; init; }

    /// <summary>An action, not a state: ticked, this save shows readers "Updated" with the time now and the reason.</summary>
    [Display(Name = "Show an Updated time to readers")]
    public bool ShowUpdated { get; init; }

    [StringLength(300, ErrorMessage = "Keep the reason under 300 characters."), Display(Name = "What changed")]
    public string? UpdateReason { get; init; }
}

public sealed record Option(int Id, string Name);

/// <summary>The editor page: the form, the choices it offers, and where the article stands.</summary>
public sealed record EditorPage(
    ArticleForm Form,
    IReadOnlyList<Option> Sections,
    IReadOnlyList<Option> Authors,
    IReadOnlyList<Option> Media,
    ArticleStatus? Status,
    string? PublicUrl,
    bool InTrash,
    bool CanPublish,
    bool ReviewRequested,
    ConflictInfo? Conflict = null) : IAdminPage
{
    public string Title => Form.Id is null ? "New article" : $"Edit: {Form.Title}";

    /// <summary>Set when the form holds this person's working copy (autosaved, not yet saved to the story): when it was kept.</summary>
    public DateTime? WorkingCopySavedAt { get; init; }

    /// <summary>Who else has the story open.</summary>
    public IReadOnlyList<OtherEditor> OthersEditing { get; init; } = [];

    /// <summary>How the paper's time zone reads in a sentence: "London time".</summary>
    public string ZoneName { get; init; } = "UTC";

    /// <summary>The Updated line readers see now ("30 Nov 2026, 09:12 London time — reason"), if an editor set one.</summary>
    public string? ShownUpdated { get; init; }

    /// <summary>For a scheduled story, when it goes out, in the paper's time zone.</summary>
    public DateTime? GoesOutAt { get; init; }
}

/// <summary>Shown when someone else saved the article after this editor opened it.</summary>
public sealed record ConflictInfo(string SavedBy, DateTime SavedAt, string TheirTitle, string TheirStandfirst, string TheirBody, IReadOnlyList<DiffLine> BodyDiff);
