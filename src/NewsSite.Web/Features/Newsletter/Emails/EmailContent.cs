namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>A paragraph as the HTML part says it and as the plain-text part says it; a plain string says both.</summary>
public sealed record Wording(string Html, string Text)
{
    public static implicit operator Wording(string both) => new(both, both);
}

/// <summary>
/// A short email in the house layout: a heading, a few paragraphs, perhaps one button with its link (shown again as
/// an address to paste), and an unsubscribe link in the footer when it goes to a subscriber.
/// </summary>
public sealed record Notice(string Heading, IReadOnlyList<Wording> Paragraphs, string? ButtonText = null, string? Link = null, string? UnsubscribeLink = null, string? PreferencesLink = null, IReadOnlyList<StoryLink>? Stories = null);

/// <summary>A story a notice links to (the welcome email's best recent stories).</summary>
public sealed record StoryLink(string Title, string Url);

/// <summary>One story as a newsletter shows it.</summary>
/// <param name="Label">The type of work when it is not news ("Opinion", "Sponsored · Paid for by …"): readers of an email deserve the same warning as readers of the site.</param>
/// <param name="Section">The story's section, shown above its headline.</param>
/// <param name="Byline">"By A and B", empty when the story has no named author.</param>
public sealed record NewsletterStory(string Title, string Standfirst, string Url, string? ImageUrl, string? ImageAlt, string? Label = null, string? Section = null, string? Byline = null);

/// <summary>A newsletter issue: its introduction's paragraphs and its stories.</summary>
/// <param name="WebUrl">The issue's public web version ("View in your browser"); null for a draft's preview.</param>
/// <param name="Preheader">The hidden line inbox lists show after the subject.</param>
/// <param name="PostalAddress">The paper's postal address for the footer (bulk senders must give one).</param>
/// <param name="OpenPixelUrl">The open-counting image, only when Newsletter:CountOpens is on.</param>
public sealed record IssueContent(string Subject, IReadOnlyList<string> Intro, IReadOnlyList<NewsletterStory> Stories, string UnsubscribeLink,
    string? WebUrl = null, string? Preheader = null, string? PostalAddress = null, string? OpenPixelUrl = null);

/// <summary>A correction sent after a story that went out in a newsletter: its kind in words, the story and the editor's text.</summary>
public sealed record CorrectionContent(string Heading, string KindLabel, string Headline, string Text, string StoryUrl, string UnsubscribeLink);
