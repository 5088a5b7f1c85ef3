using NewsSite.Data.Entities;

namespace NewsSite.Web.Features.Pages;

/// <summary>What each kind of page is called in the newsroom, and the schema.org property of the paper it fills.</summary>
public static class PageKinds
{
    public static string Name(PageKind kind) => kind switch
    {
        PageKind.About => "About us",
        PageKind.Contact => "Contact",
        PageKind.Masthead => "Masthead",
        PageKind.EthicsPolicy => "Ethics policy",
        PageKind.CorrectionsPolicy => "Corrections policy",
        PageKind.Privacy => "Privacy",
        PageKind.OwnershipFunding => "Ownership and funding",
        PageKind.PublishingPrinciples => "Publishing principles",
        PageKind.DiversityPolicy => "Diversity policy",
        PageKind.UnnamedSourcesPolicy => "Unnamed sources policy",
        PageKind.FactCheckingPolicy => "Verification and fact-checking",
        PageKind.ActionableFeedbackPolicy => "Feedback policy",
        _ => "Other page",
    };

    /// <summary>The NewsMediaOrganization property a published page of this kind becomes, or null.</summary>
    public static string? SchemaProperty(PageKind kind) => kind switch
    {
        PageKind.Masthead => "masthead",
        PageKind.EthicsPolicy => "ethicsPolicy",
        PageKind.CorrectionsPolicy => "correctionsPolicy",
        PageKind.OwnershipFunding => "ownershipFundingInfo",
        PageKind.PublishingPrinciples => "publishingPrinciples",
        PageKind.DiversityPolicy => "diversityPolicy",
        PageKind.UnnamedSourcesPolicy => "unnamedSourcesPolicy",
        PageKind.FactCheckingPolicy => "verificationFactCheckingPolicy",
        PageKind.ActionableFeedbackPolicy => "actionableFeedbackPolicy",
        _ => null,
    };
}
