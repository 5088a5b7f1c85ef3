using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Emails;

/// <summary>
/// The site's emails, in its own look. Styles are inline because many mail clients drop style sheets. Every value is
/// HTML-encoded; nothing a visitor typed is placed in a message to anyone else.
/// </summary>
public sealed class EmailTemplates(IOptions<SiteOptions> site, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    private SiteOptions Site => site.Value;

    // Words about the link's life read the option that enforces it, so the email never promises what the site refuses.
    private string LinkLife => Lifetime(tokens.Value.TokenLifespan);

    // The site's name stands on its own ("The Harbourton Herald"): the copy never puts "the" in front of it.
    public EmailMessage PasswordReset(string toAddress, string link) => Build(toAddress, null, "password-reset",
        $"Reset your password for {Site.Name}",
        heading: "Reset your password",
        paragraphs: ["Someone (we hope you) asked to reset the password of your newsroom account.", $"The link works for {LinkLife}. If you did not ask, you can ignore this email: your password stays as it is."],
        buttonText: "Choose a new password", link, containsSecret: true);

    public EmailMessage Invitation(string toAddress, string inviterName, string role, string link) => Build(toAddress, null, "invitation",
        $"You are invited to join the newsroom of {Site.Name}",
        heading: "Join the newsroom",
        paragraphs: [$"{inviterName} has invited you to join the newsroom of {Site.Name} as {role}.", $"Choose a password to activate your account. The link works for {LinkLife}."],
        buttonText: "Choose a password", link, containsSecret: true);

    /// <summary>"48 hours", "3 days", "1 hour", "30 minutes": a link's life in words.</summary>
    public static string Lifetime(TimeSpan span)
    {
        static string Count(double n, string unit) => n == 1 ? $"1 {unit}" : $"{n:0.#} {unit}s";
        return span.TotalHours > 48 && span.TotalHours % 24 == 0 ? Count(span.TotalDays, "day")
            : span.TotalHours >= 1 ? Count(Math.Round(span.TotalHours, 1), "hour")
            : Count(Math.Round(span.TotalMinutes), "minute");
    }

    /// <summary>
    /// An email in the house layout. A paragraph can word itself differently in the plain-text part, where there is no
    /// button to press (see <see cref="Wording"/>).
    /// </summary>
    public EmailMessage Build(string toAddress, string? toName, string kind, string subject, string heading, IReadOnlyList<Wording> paragraphs,
        string? buttonText = null, string? link = null, string? footerHtml = null, string? footerText = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, bool containsSecret = false)
    {
        var html = Layout(heading,
            string.Concat(paragraphs.Select(p => $"<p style=\"margin:0 0 16px;font-size:16px;line-height:1.5;color:#1a1a1a\">{Encode(p.Html)}</p>")) +
            (link is null ? "" : Button(buttonText ?? "Open", link) +
                $"<p style=\"margin:16px 0 0;font-size:13px;color:#555\">Or paste this address into your browser:<br><a href=\"{Encode(link)}\" style=\"color:#0b4f8a;word-break:break-all\">{Encode(link)}</a></p>"),
            footerHtml);
        var text = $"{heading}\n\n{string.Join("\n\n", paragraphs.Select(p => p.Text))}\n\n" +
            (link is null ? "" : $"{buttonText}: {link}\n\n") +
            $"-- \n{Site.Name}\n{Site.BaseUrl}\n" + (footerText is null ? "" : $"\n{footerText}\n");
        return new EmailMessage(toAddress, toName, subject, html, text, kind, headers, ContainsSecret: containsSecret);
    }

    public string Layout(string heading, string innerHtml, string? footerHtml = null) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Encode(heading)}</title></head>
        <body style="margin:0;padding:0;background:#f5f3ef;font-family:Georgia,'Times New Roman',serif">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f3ef"><tr><td align="center" style="padding:24px 12px">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-top:4px solid #9b1c1c">
        <tr><td style="padding:20px 24px;border-bottom:1px solid #ddd"><a href="{Encode(Site.BaseUrl)}" style="font-size:24px;font-weight:bold;color:#1a1a1a;text-decoration:none">{Encode(Site.Name)}</a></td></tr>
        <tr><td style="padding:24px">
        <h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;color:#1a1a1a">{Encode(heading)}</h1>
        {innerHtml}
        </td></tr>
        <tr><td style="padding:16px 24px;border-top:1px solid #ddd;font-family:Arial,sans-serif;font-size:12px;color:#555">{footerHtml ?? Encode(Site.Name)}</td></tr>
        </table></td></tr></table></body></html>
        """;

    public static string Button(string text, string link) =>
        $"<p style=\"margin:24px 0\"><a href=\"{Encode(link)}\" style=\"display:inline-block;background:#9b1c1c;color:#ffffff;font-family:Arial,sans-serif;font-weight:bold;font-size:16px;padding:12px 20px;border-radius:3px;text-decoration:none\">{Encode(text)}</a></p>";

    public static string Encode(string value) => WebUtility.HtmlEncode(value);
}

/// <summary>A paragraph as the HTML part says it and as the plain-text part says it; a plain string says both.</summary>
public sealed record Wording(string Html, string Text)
{
    public static implicit operator Wording(string both) => new(both, both);
}
