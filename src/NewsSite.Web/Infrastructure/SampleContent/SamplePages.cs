using NewsSite.Data.Entities;

namespace NewsSite.Web.Infrastructure.SampleContent;

/// <summary>The sample paper's About page and policies: short, plausible and plainly sample text, to be rewritten.</summary>
public static class SamplePages
{
    public sealed record SamplePage(PageKind Kind, string Title, string Body);

    private const string Note = "*This is sample text that came with NewsSite. Rewrite it under Pages in the newsroom.*";

    public static readonly IReadOnlyList<SamplePage> All =
    [
        new(PageKind.About, "About us", $"""
            The Harbourton Herald is an independent daily news site for the fictional city of Harbourton. We report on the
            city's council, courts, businesses, science, culture and sport, and we publish every story free to read.

            {Note}
            """),
        new(PageKind.Contact, "Contact", $"""
            - **News tips:** tips@herald.example
            - **Corrections:** corrections@herald.example
            - **Advertising:** ads@herald.example
            - **Post:** The Harbourton Herald, 1 Quay Street, Harbourton

            {Note}
            """),
        new(PageKind.Masthead, "Masthead", $"""
            - **Editor:** Maya Okafor
            - **Business:** Tomás Lindqvist
            - **Science and environment:** Priya Raman
            - **Sport and culture:** Ellis Carter

            {Note}
            """),
        new(PageKind.EthicsPolicy, "Ethics policy", $"""
            We report accurately, fairly and independently. We say who our sources are wherever we can, and explain why
            when we cannot. Reporters do not accept gifts or paid travel, and declare any interest in what they cover.
            Opinion and analysis are labelled as such; sponsored content is always marked and never written by the newsroom.

            {Note}
            """),
        new(PageKind.CorrectionsPolicy, "Corrections policy", $"""
            When we get something wrong we correct it promptly and say so on the story: what was wrong, what is right and
            when we changed it. Every correction is also listed on our [corrections page](/corrections). To report an
            error, write to corrections@herald.example.

            {Note}
            """),
        new(PageKind.Privacy, "Privacy", $"""
            We collect as little as we can. Newsletter subscribers give us an email address, used only to send the
            newsletter and removed when they unsubscribe. We use no third-party trackers on our pages.

            {Note}
            """),
        new(PageKind.OwnershipFunding, "Ownership and funding", $"""
            The Herald is owned by the Harbourton Herald Trust, a fictional non-profit. It is funded by readers'
            donations, advertising and sponsored content, which is always labelled. No funder has a say in our coverage.

            {Note}
            """),
    ];
}
