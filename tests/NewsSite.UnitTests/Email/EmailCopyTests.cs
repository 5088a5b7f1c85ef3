using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Infrastructure;

namespace NewsSite.UnitTests.Email;

public sealed class EmailCopyTests
{
    private static readonly SiteOptions Site = new() { Name = "The Harbourton Herald", BaseUrl = "https://herald.test" };

    // The renderer needs only logging from its services (the templates inject nothing), and scopes checked as the site checks them.
    private static readonly EmailRenderer Renderer = new(
        new ServiceCollection().AddLogging().BuildServiceProvider(validateScopes: true).GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);

    private static EmailTemplates Templates(TimeSpan tokenLife) =>
        new(Renderer, Options.Create(Site), Options.Create(new DataProtectionTokenProviderOptions { TokenLifespan = tokenLife }));

    private static NewsletterEmails Newsletter(int confirmationHours = 48) =>
        new(Templates(TimeSpan.FromDays(3)), Renderer, Options.Create(Site), Options.Create(new SmtpOptions()), Options.Create(new NewsletterOptions { ConfirmationHours = confirmationHours }),
            new Web.Features.Newsletter.Preferences.PreferenceLinks(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), Options.Create(Site), Options.Create(new NewsletterOptions()), TimeProvider.System));

    private static async Task<IReadOnlyList<EmailMessage>> EveryAsync()
    {
        var templates = Templates(TimeSpan.FromDays(3));
        var newsletter = Newsletter();
        return
        [
            await newsletter.ConfirmationAsync("reader@example.org", "token"),
            await newsletter.WelcomeAsync("reader@example.org", "token"),
            await templates.InvitationAsync("new@example.org", "Ada Editor", "Writer", "https://herald.test/admin/invitation?token=x"),
            await templates.PasswordResetAsync("staff@example.org", "https://herald.test/admin/reset-password?token=x"),
            (await newsletter.IssueAsync("Briefing", "Hello.", [new NewsletterStory("Story", "Standfirst", "https://herald.test/a", null, null)])).For("reader@example.org", "token", "newsletter:1"),
        ];
    }

    [Fact]
    public async Task SiteNameStartingWithThe_NeverGetsASecondThe()
    {
        foreach (var message in await EveryAsync())
        {
            foreach (var part in new[] { message.Subject, message.HtmlBody, message.TextBody })
            {
                Assert.DoesNotContain("the The", part, StringComparison.Ordinal);
                Assert.DoesNotContain("the the", part, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task PlainTextPart_NeverTellsTheReaderToPressAButton()
    {
        foreach (var message in await EveryAsync())
        {
            Assert.DoesNotContain("button", message.TextBody, StringComparison.OrdinalIgnoreCase);
        }
        var confirmation = await Newsletter().ConfirmationAsync("reader@example.org", "token");
        Assert.Contains("Open the link below to confirm", confirmation.TextBody);
        Assert.Contains("Press the button to confirm", confirmation.HtmlBody);
    }

    [Fact]
    public async Task Welcome_PromisesNoSchedule()
    {
        var welcome = await Newsletter().WelcomeAsync("reader@example.org", "token");

        Assert.DoesNotContain("every morning", welcome.HtmlBody + welcome.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("daily", welcome.HtmlBody + welcome.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LinkLifetimes_AreReadFromTheOptionsThatEnforceThem()
    {
        var confirmation = await Newsletter(confirmationHours: 36).ConfirmationAsync("reader@example.org", "token");
        Assert.Contains("works for 36 hours", confirmation.TextBody);
        Assert.Contains("works for 36 hours", confirmation.HtmlBody);

        var templates = Templates(TimeSpan.FromDays(5));
        Assert.Contains("works for 5 days", (await templates.PasswordResetAsync("s@example.org", "https://herald.test/r")).TextBody);
        Assert.Contains("works for 5 days", (await templates.InvitationAsync("s@example.org", "Ada", "Writer", "https://herald.test/i")).HtmlBody);
        Assert.Contains("works for 12 hours", (await Templates(TimeSpan.FromHours(12)).PasswordResetAsync("s@example.org", "https://herald.test/r")).TextBody);
    }

    [Theory]
    [InlineData(48, "48 hours")]
    [InlineData(72, "3 days")]
    [InlineData(1, "1 hour")]
    [InlineData(0.5, "30 minutes")]
    [InlineData(24 * 7, "7 days")]
    public void Lifetime_ReadsNaturally(double hours, string expected) =>
        Assert.Equal(expected, EmailTemplates.Lifetime(TimeSpan.FromHours(hours)));

    [Fact]
    public async Task MessagesWithSecretLinks_AreMarkedForRemovalAfterDelivery()
    {
        var templates = Templates(TimeSpan.FromDays(3));
        Assert.True((await templates.PasswordResetAsync("s@example.org", "https://herald.test/r")).ContainsSecret);
        Assert.True((await templates.InvitationAsync("s@example.org", "Ada", "Writer", "https://herald.test/i")).ContainsSecret);
        Assert.True((await Newsletter().ConfirmationAsync("reader@example.org", "token")).ContainsSecret);
    }

    [Fact]
    public async Task Issue_EncodesEveryValueInHtml_AndKeepsItAsWrittenInPlainText()
    {
        var story = new NewsletterStory("Fish & chips <b>prices</b>", "Up \"again\" in Leith", "https://herald.test/a?x=1&y=2", "https://herald.test/i.jpg", "A <chip> shop");

        var issue = (await Newsletter().IssueAsync("Tides & times", "First paragraph.\n\nSecond <paragraph>.", [story])).For("reader@example.org", "tok-en", "newsletter:1");

        Assert.Contains("Fish &amp; chips &lt;b&gt;prices&lt;/b&gt;", issue.HtmlBody);
        Assert.Contains("href=\"https://herald.test/a?x=1&amp;y=2\"", issue.HtmlBody);
        Assert.Contains("alt=\"A &lt;chip&gt; shop\"", issue.HtmlBody);
        Assert.DoesNotContain("<b>prices", issue.HtmlBody);
        var (text, preferences) = (issue.TextBody[..issue.TextBody.IndexOf("Your newsletter preferences: ", StringComparison.Ordinal)], issue.TextBody[issue.TextBody.IndexOf("Your newsletter preferences: ", StringComparison.Ordinal)..]);
        Assert.Equal(
            "Tides & times\n\nFirst paragraph.\n\nSecond <paragraph>.\n\nFish & chips <b>prices</b>\nUp \"again\" in Leith\nhttps://herald.test/a?x=1&y=2\n\n" +
            "-- \nThe Harbourton Herald\nhttps://herald.test\n\nUnsubscribe: https://herald.test/newsletter/unsubscribe?token=tok-en\n",
            text);
        // The reader's own signed link, last.
        Assert.Matches(@"^Your newsletter preferences: https://herald\.test/newsletter/preferences\?t=[A-Za-z0-9_\-]+\n$", preferences);
    }

    [Fact]
    public async Task Notice_PlainText_HasHeadingParagraphsLinkAndSignature_InThatOrder()
    {
        var reset = await Templates(TimeSpan.FromDays(3)).PasswordResetAsync("s@example.org", "https://herald.test/r?token=a&b");

        Assert.Equal(
            "Reset your password\n\nSomeone (we hope you) asked to reset the password of your newsroom account.\n\n" +
            "The link works for 3 days. If you did not ask, you can ignore this email: your password stays as it is.\n\n" +
            "Choose a new password: https://herald.test/r?token=a&b\n\n-- \nThe Harbourton Herald\nhttps://herald.test\n",
            reset.TextBody);
        // The house layout is written once, in the Razor templates, and every email wears it.
        Assert.StartsWith("<!DOCTYPE html>", reset.HtmlBody);
        Assert.Contains("border-top:4px solid #9b1c1c", reset.HtmlBody);
    }
}
