namespace NewsSite.Web.Features.Newsletter.Signup;

/// <summary>
/// The words shown beside every signup button, and stored with each signup as the consent given. The server builds
/// them again from what the form offered (never from text the form sends), so the ledger holds what the page said.
/// </summary>
public static class NewsletterConsent
{
    private const string Promise = "We never share your address, and every email has a one-click unsubscribe link.";

    /// <summary>The full signup page, where the reader ticks the newsletters.</summary>
    public const string Text = "We will email you the newsletters you choose. " + Promise;

    /// <summary>The box on a story or in the footer, which offers one newsletter by name.</summary>
    public static string ForBox(string newsletterName) => $"We will email you {newsletterName}. {Promise}";
}
