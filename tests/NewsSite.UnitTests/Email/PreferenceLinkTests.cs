using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Newsletter.Preferences;
using NewsSite.Web.Infrastructure;

namespace NewsSite.UnitTests.Email;

public sealed class PreferenceLinkTests
{
    private static readonly SiteOptions Site = new() { Name = "The Harbourton Herald", BaseUrl = "https://herald.test" };
    private static readonly PreferenceLinks Links = new(new EphemeralDataProtectionProvider(), Options.Create(Site), Options.Create(new NewsletterOptions()), TimeProvider.System);

    [Fact]
    public void TheComposer_PutsEachRecipientsOwnSignedLink_WhereTheTemplateHasThePlaceholder()
    {
        var composer = new EmailComposer(Options.Create(new SmtpOptions()), Options.Create(Site), Links);
        var template = new OutboxTemplate
        {
            Subject = "Briefing", Placeholder = "ZZUNSUBSCRIBETOKENZZ",
            HtmlBody = $"<a href=\"{NewsletterEmails.PreferencesLinkInTemplate()}\">Preferences</a>",
            TextBody = $"Preferences: {NewsletterEmails.PreferencesPlaceholder}",
        };
        OutboxMessage Row(string token) => new() { ToAddress = "reader@example.org", Subject = "", HtmlBody = "", TextBody = "", Kind = "newsletter", TemplateId = 1, TemplateValue = token };

        var first = composer.Compose(Row("token-of-reader-one"), template);
        var second = composer.Compose(Row("token-of-reader-two"), template);

        Assert.DoesNotContain(NewsletterEmails.PreferencesPlaceholder, first.HtmlBody + first.TextBody);
        var link = first.TextBody!.Split(' ')[^1].Trim();
        Assert.StartsWith("https://herald.test/newsletter/preferences?t=", link);
        Assert.Equal("token-of-reader-one", Links.Read(Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..])));
        Assert.NotEqual(first.TextBody, second.TextBody);
    }

    [Fact]
    public void AForgedOrMangledLink_NamesNobody()
    {
        var token = Links.Token("someone");

        Assert.Equal("someone", Links.Read(token));
        Assert.Null(Links.Read(token[..^2] + "xx"));
        Assert.Null(Links.Read("forged"));
        Assert.Null(Links.Read(null));
    }
}
