namespace NewsSite.Web.Features.Admin.Articles;

public enum AutosaveOutcome
{
    Saved,
    NeedsHeadline,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>What an autosave did: where the story lives now, which version the editor is on, and whether someone saved since.</summary>
public sealed record AutosaveResult(AutosaveOutcome Outcome, int? ArticleId = null, int Version = 0, DateTime? SavedAt = null, string? Message = null, string? NewerBy = null);
