namespace NewsSite.Web.Features.Newsletter.Signup;

public static class NewsletterConsent
{
    /// <summary>The words shown beside every signup button, and stored with each signup as the consent given.</summary>
    public const string Text = "We will email you the day's most important stories. We never share your address, and every email has a one-click unsubscribe link.";
}
