using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Infrastructure;

namespace NewsSite.UnitTests.Email;

public sealed class EmailCopyTests
{
    private static readonly SiteOptions Site = new() { Name = "The Harbourton Herald", BaseUrl = "https://herald.test" };

    private static EmailTemplates Templates(TimeSpan tokenLife) =>
        new(Options.Create(Site), Options.Create(new DataProtectionTokenProviderOptions { TokenLifespan = tokenLife }));

    private static NewsletterEmails Newsletter(int confirmationHours = 48) =>
        new(Templates(TimeSpan.FromDays(3)), Options.Create(Site), Options.Create(new SmtpOptions()), Options.Create(new NewsletterOptions { ConfirmationHours = confirmationHours }));

    private static IEnumerable<EmailMessage> Every()
    {
        var templates = Templates(TimeSpan.FromDays(3));
        var newsletter = Newsletter();
        yield return newsletter.Confirmation("reader@example.org", "token");
        yield return newsletter.Welcome("reader@example.org", "token");
        yield return templates.Invitation("new@example.org", "Ada Editor", "Writer", "https://herald.test/admin/invitation?token=x");
        yield return templates.PasswordReset("staff@example.org", "https://herald.test/admin/reset-password?token=x");
        yield return newsletter.Issue("Briefing", "Hello.", [new NewsletterStory("Story", "Standfirst", "https://herald.test/a", null, null)]).For("reader@example.org", "token", "newsletter:1");
    }

    [Fact]
    public void SiteNameStartingWithThe_NeverGetsASecondThe()
    {
        foreach (var message in Every())
        {
            foreach (var part in new[] { message.Subject, message.HtmlBody, message.TextBody })
            {
                Assert.DoesNotContain("the The", part, StringComparison.Ordinal);
                Assert.DoesNotContain("the the", part, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void PlainTextPart_NeverTellsTheReaderToPressAButton()
    {
        foreach (var message in Every())
        {
            Assert.DoesNotContain("button", message.TextBody, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Open the link below to confirm", Newsletter().Confirmation("reader@example.org", "token").TextBody);
        Assert.Contains("Press the button to confirm", Newsletter().Confirmation("reader@example.org", "token").HtmlBody);
    }

    [Fact]
    public void Welcome_PromisesNoSchedule()
    {
        var welcome = Newsletter().Welcome("reader@example.org", "token");

        Assert.DoesNotContain("every morning", welcome.HtmlBody + welcome.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("daily", welcome.HtmlBody + welcome.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LinkLifetimes_AreReadFromTheOptionsThatEnforceThem()
    {
        var confirmation = Newsletter(confirmationHours: 36).Confirmation("reader@example.org", "token");
        Assert.Contains("works for 36 hours", confirmation.TextBody);
        Assert.Contains("works for 36 hours", confirmation.HtmlBody);

        var templates = Templates(TimeSpan.FromDays(5));
        Assert.Contains("works for 5 days", templates.PasswordReset("s@example.org", "https://herald.test/r").TextBody);
        Assert.Contains("works for 5 days", templates.Invitation("s@example.org", "Ada", "Writer", "https://herald.test/i").HtmlBody);
        Assert.Contains("works for 12 hours", Templates(TimeSpan.FromHours(12)).PasswordReset("s@example.org", "https://herald.test/r").TextBody);
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
    public void MessagesWithSecretLinks_AreMarkedForRemovalAfterDelivery()
    {
        var templates = Templates(TimeSpan.FromDays(3));
        Assert.True(templates.PasswordReset("s@example.org", "https://herald.test/r").ContainsSecret);
        Assert.True(templates.Invitation("s@example.org", "Ada", "Writer", "https://herald.test/i").ContainsSecret);
        Assert.True(Newsletter().Confirmation("reader@example.org", "token").ContainsSecret);
    }
}
