using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>The newsletter's emails: confirmation, welcome, and each issue (with RFC 8058 one-click unsubscribe headers).</summary>
public sealed class NewsletterEmails(EmailTemplates templates, EmailRenderer renderer, IOptions<SiteOptions> site, IOptions<SmtpOptions> smtp, IOptions<NewsletterOptions> newsletter, Preferences.PreferenceLinks preferences)
{
    // Letters only, so URL- and HTML-encoding leave it as it is and the replacement finds it.
    private const string UnsubscribePlaceholder = "ZZUNSUBSCRIBETOKENZZ";

    public string ConfirmLink(string token) => Link(SiteUrls.NewsletterConfirm, token);

    public string UnsubscribeLink(string token) => Link(SiteUrls.NewsletterUnsubscribe, token);

    public Task<EmailMessage> ConfirmationAsync(string email, string token) => templates.NoticeAsync(email, "confirmation",
        $"Confirm your subscription to {site.Value.Name}",
        new Notice("Please confirm your subscription",
        [
            $"Someone, hopefully you, asked to receive the newsletter from {site.Value.Name} at this address.",
            new Wording(
                $"Press the button to confirm. {LinkLife} If you did not ask, ignore this email and you will hear nothing more from us.",
                $"Open the link below to confirm. {LinkLife} If you did not ask, ignore this email and you will hear nothing more from us."),
        ],
        "Confirm my subscription", ConfirmLink(token)),
        containsSecret: true);

    // Read from the option that expires the link, so the words and the rule cannot drift apart.
    private string LinkLife => $"The link works for {EmailTemplates.Lifetime(TimeSpan.FromHours(newsletter.Value.ConfirmationHours))}.";

    /// <summary>The welcome after confirming: the reader's name when given, a few of the best recent stories, their preferences.</summary>
    public Task<EmailMessage> WelcomeAsync(string email, string unsubscribeToken, string? name = null, IReadOnlyList<StoryLink>? stories = null) => templates.NoticeAsync(email, "welcome",
        $"Welcome to the newsletter from {site.Value.Name}",
        // No schedule is promised: issues go out when the newsroom sends them.
        new Notice(string.IsNullOrWhiteSpace(name) ? "You're subscribed" : $"Welcome, {name}",
            ["Thank you for confirming. Each newsletter brings our most important stories to your inbox.",
                .. stories is { Count: > 0 } ? new Wording[] { "While you wait for the first one, here is some of our best recent journalism:" } : [],
                new Wording("You can unsubscribe at any time with one click, using the link at the bottom of every email.",
                    "You can unsubscribe at any time by opening the link at the bottom of every email.")],
            "Read today's news", site.Value.AbsoluteUrl(SiteUrls.Home).ToString(), UnsubscribeLink(unsubscribeToken), preferences.Url(unsubscribeToken), stories),
        headers: UnsubscribeHeaders(unsubscribeToken));

    /// <summary>
    /// An issue rendered once, with a placeholder where each subscriber's unsubscribe token goes, so sending to
    /// many people is a string replacement per person rather than a render.
    /// </summary>
    public async Task<IssueTemplate> IssueAsync(string subject, string? intro, IReadOnlyList<NewsletterStory> stories, IssueExtras? extras = null)
    {
        var content = new IssueContent(subject, Paragraphs(intro), stories, UnsubscribeLink(UnsubscribePlaceholder),
            extras?.WebUrl, extras?.Preheader is { Length: > 0 } preheader ? preheader : stories.FirstOrDefault()?.Standfirst, extras?.PostalAddress, extras?.OpenPixelUrl);
        var (html, text) = await renderer.RenderAsync<IssueHtml, IssueText>(new Dictionary<string, object?>
        {
            [nameof(IssueHtml.Site)] = site.Value,
            [nameof(IssueHtml.Issue)] = content,
        });
        return new IssueTemplate(subject, html, text, UnsubscribePlaceholder, this);
    }

    /// <summary>A correction for the people who received the story, rendered once like an issue ("Correction: headline").</summary>
    public async Task<IssueTemplate> CorrectionAsync(string kindLabel, string headline, string text, string storyUrl)
    {
        var subject = $"{kindLabel}: {headline}";
        var content = new CorrectionContent(subject, kindLabel, headline, text, storyUrl, UnsubscribeLink(UnsubscribePlaceholder));
        var (html, plain) = await renderer.RenderAsync<CorrectionHtml, CorrectionText>(new Dictionary<string, object?>
        {
            [nameof(CorrectionHtml.Site)] = site.Value,
            [nameof(CorrectionHtml.Correction)] = content,
        });
        return new IssueTemplate(subject, html, plain, UnsubscribePlaceholder, this);
    }

    public IReadOnlyList<KeyValuePair<string, string>> UnsubscribeHeaders(string token) =>
    [
        new("List-Unsubscribe", $"<{UnsubscribeLink(token)}>, <mailto:{UnsubscribeMailbox()}?subject=unsubscribe%20{token}>"),
        new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ];

    private string UnsubscribeMailbox() =>
        !string.IsNullOrWhiteSpace(newsletter.Value.UnsubscribeMailbox)
            ? newsletter.Value.UnsubscribeMailbox
            : MailboxAddress.TryParse(smtp.Value.From, out var from) ? from.Address : "unsubscribe@localhost";

    private string Link(string path, string token) =>
        QueryHelpers.AddQueryString(site.Value.AbsoluteUrl(path).ToString(), "token", token);

    /// <summary>
    /// Stands for the reader's own preference-centre link in a template rendered once for many readers (an issue, a
    /// digest): EmailComposer puts each recipient's signed link in its place at send time, from the row's unsubscribe
    /// token. Use <see cref="PreferencesLinkInTemplate"/> as the href.
    /// </summary>
    public const string PreferencesPlaceholder = "ZZPREFERENCESLINKZZ";

    public static string PreferencesLinkInTemplate() => PreferencesPlaceholder;

    /// <summary>A reader's own signed, expiring preferences link.</summary>
    public string PreferencesUrl(string unsubscribeToken) => preferences.Url(unsubscribeToken);

    /// <summary>The link a reader asked for on the site ("email me my preferences link").</summary>
    public Task<EmailMessage> PreferencesLinkAsync(string email, string unsubscribeToken) => templates.NoticeAsync(email, "preferences-link",
        $"Your newsletter preferences at {site.Value.Name}",
        new Notice("Your newsletter preferences",
            [$"Someone, hopefully you, asked for a link to the newsletter preferences of this address at {site.Value.Name}.",
                $"The link works for {EmailTemplates.Lifetime(TimeSpan.FromDays(newsletter.Value.PreferenceLinkDays))}. If you did not ask, ignore this email."],
            "Open my preferences", preferences.Url(unsubscribeToken), UnsubscribeLink(unsubscribeToken)),
        headers: UnsubscribeHeaders(unsubscribeToken), containsSecret: true);

    /// <summary>Sent to a new address; the change happens only when its link is used.</summary>
    public Task<EmailMessage> AddressChangeAsync(string newEmail, string token) => templates.NoticeAsync(newEmail, "address-change",
        $"Confirm your new address for {site.Value.Name}",
        new Notice("Confirm your new address",
            [$"Someone, hopefully you, asked for the newsletters from {site.Value.Name} to come to this address instead.",
                new Wording($"Press the button to confirm. {LinkLife} If you did not ask, ignore this email and nothing changes.",
                    $"Open the link below to confirm. {LinkLife} If you did not ask, ignore this email and nothing changes.")],
            "Confirm my new address", Link(SiteUrls.NewsletterConfirmAddress, token)),
        containsSecret: true);

    public static string[] Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What an issue carries besides its stories: its web version, preheader, the paper's address, an open pixel.</summary>
public sealed record IssueExtras(string? WebUrl, string? Preheader, string? PostalAddress, string? OpenPixelUrl = null);
