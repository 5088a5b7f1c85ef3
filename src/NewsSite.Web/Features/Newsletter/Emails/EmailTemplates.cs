using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>
/// The site's short emails in its own look (the newsroom's invitations and password resets here; the newsletter's in
/// <see cref="NewsletterEmails"/>). The words are here; the layout is in the Razor templates beside this file, which
/// encode every value. Nothing a visitor typed is placed in a message to anyone else.
/// </summary>
public sealed class EmailTemplates(EmailRenderer renderer, IOptions<SiteOptions> site, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    private SiteOptions Site => site.Value;

    // Words about the link's life read the option that enforces it, so the email never promises what the site refuses.
    private string LinkLife => Lifetime(tokens.Value.TokenLifespan);

    // The site's name stands on its own ("The Harbourton Herald"): the copy never puts "the" in front of it.
    public Task<EmailMessage> PasswordResetAsync(string toAddress, string link) => NoticeAsync(toAddress, "password-reset",
        $"Reset your password for {Site.Name}",
        new Notice("Reset your password",
            ["Someone (we hope you) asked to reset the password of your newsroom account.", $"The link works for {LinkLife}. If you did not ask, you can ignore this email: your password stays as it is."],
            "Choose a new password", link),
        containsSecret: true);

    public Task<EmailMessage> InvitationAsync(string toAddress, string inviterName, string role, string link) => NoticeAsync(toAddress, "invitation",
        $"You are invited to join the newsroom of {Site.Name}",
        new Notice("Join the newsroom",
            [$"{inviterName} has invited you to join the newsroom of {Site.Name} as {role}.", $"Choose a password to activate your account. The link works for {LinkLife}."],
            "Choose a password", link),
        containsSecret: true);

    /// <summary>To an editor: a writer asks for a story to be reviewed. The link opens the story in the newsroom (sign-in first).</summary>
    public Task<EmailMessage> ReviewRequestedAsync(string toAddress, string writerName, string headline, string link) => NoticeAsync(toAddress, "review-requested",
        $"For review: {headline}",
        new Notice("A story is waiting for review",
            [$"{writerName} has sent “{headline}” to the editors for review.", "Open it in the newsroom to read it, leave a note, or publish it."],
            "Open the story", link));

    /// <summary>"48 hours", "3 days", "1 hour", "30 minutes": a link's life in words.</summary>
    public static string Lifetime(TimeSpan span)
    {
        static string Count(double n, string unit) => n == 1 ? $"1 {unit}" : $"{n:0.#} {unit}s";
        return span.TotalHours > 48 && span.TotalHours % 24 == 0 ? Count(span.TotalDays, "day")
            : span.TotalHours >= 1 ? Count(Math.Round(span.TotalHours, 1), "hour")
            : Count(Math.Round(span.TotalMinutes), "minute");
    }

    /// <summary>A short email to one person, both parts rendered from the notice templates.</summary>
    public async Task<EmailMessage> NoticeAsync(string toAddress, string kind, string subject, Notice notice,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, bool containsSecret = false)
    {
        var (html, text) = await renderer.RenderAsync<NoticeHtml, NoticeText>(new Dictionary<string, object?>
        {
            [nameof(NoticeHtml.Site)] = Site,
            [nameof(NoticeHtml.Notice)] = notice,
        });
        return new EmailMessage(toAddress, null, subject, html, text, kind, headers, ContainsSecret: containsSecret);
    }
}
