using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Emails;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Signup;

public sealed record SignupForm
{
    [Display(Name = "Email address")]
    public string? Email { get; init; }

    [Display(Name = "Your name (optional)")]
    public string? Name { get; init; }

    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; init; }

    /// <summary>The page the form was on, recorded with the consent.</summary>
    public string? Source { get; init; }

    /// <summary>The newsletters ticked (the signup page) or offered (a box's hidden field).</summary>
    public List<int> Newsletters { get; init; } = [];

    /// <summary>True from the one-newsletter box on stories and in the footer; false from the signup page.</summary>
    public bool FromBox { get; init; }

    /// <summary>The story whose box was used: which stories bring readers.</summary>
    public int? ArticleId { get; init; }
}

public sealed record NewsletterPage(SignupForm Form, IReadOnlyList<NewsletterChoice> Choices, PageMeta Meta) : IHasPageMeta;

/// <param name="Memory">"remember" or "forget": what site.js keeps in this browser about the reader being subscribed.</param>
public sealed record NewsletterMessagePage(string Heading, string Message, PageMeta Meta, string? Token = null, string? FormAction = null, string? ButtonText = null, bool OfferSignup = false, string? Memory = null) : IHasPageMeta;

/// <summary>Signup, confirmation and unsubscribe for readers. Every page here is personal, so none is cached.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class NewsletterController(SignupService signups, NewsletterChoices choices, PageMetaFactory meta, IOptions<SiteOptions> site, IOptions<NewsletterOptions> options) : Controller
{
    public const string RateLimitPolicy = "newsletter-signup";
    private const string CheckInbox = "Nearly done: we have sent you an email. Open it and press the button inside to confirm your subscription. If it does not arrive within a few minutes, check your spam folder.";

    [HttpGet("/newsletter")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new NewsletterPage(new SignupForm { Source = SiteUrls.Newsletter }, await choices.ActiveAsync(cancellationToken), PageMetaFor()));

    /// <summary>
    /// The one form post without an antiforgery token: the boxes sit on cached pages shared by every reader, so they
    /// cannot carry a per-visitor token. What keeps it safe instead: the same-origin check, the honeypot, the rate
    /// limit, and double opt-in, which sends nothing but a confirmation (docs/decisions/0003).
    /// </summary>
    [HttpPost("/newsletter/signup"), EnableRateLimiting(RateLimitPolicy), IgnoreAntiforgeryToken]
    public async Task<IActionResult> SignUp(SignupForm? form, CancellationToken cancellationToken)
    {
        // A body the framework cannot read as a form (a NUL byte, say) binds to nothing: the friendly 400 page.
        if (form is null)
        {
            return BadRequest();
        }
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (!SameOrigin.Allows(Request, site.Value))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            const string refused = "This signup came from another website, so we did not accept it. To subscribe, use the form on our own newsletter page.";
            return wantsJson ? Json(new { ok = false, message = refused }) : Message("We could not sign you up from there", refused, offerSignup: true);
        }
        // Bots fill every field; people never see this one. They get the normal answer, and nothing happens.
        if (!string.IsNullOrEmpty(form.Website))
        {
            return Answer(wantsJson, ok: true, CheckInbox);
        }
        var email = SignupService.NormalizeEmail(form.Email);
        if (email is null)
        {
            ModelState.AddModelError(nameof(SignupForm.Email), string.IsNullOrWhiteSpace(form.Email) ? "Enter your email address." : "Enter a valid email address, like name@example.com.");
        }
        if (!SignupService.IsAcceptableName(form.Name))
        {
            ModelState.AddModelError(nameof(SignupForm.Name), "Enter your name on one line, in up to 100 characters.");
        }
        if (email is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var message = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return wantsJson
                ? Json(new { ok = false, message })
                : View("Index", new NewsletterPage(form with { Email = form.Email is { Length: <= SignupService.MaxEmailLength } ? form.Email : null, Name = null, Website = null, FromBox = false }, await choices.ActiveAsync(cancellationToken), PageMetaFor()));
        }

        var chosen = await choices.ValidAsync(form.Newsletters, cancellationToken);
        // The words the form showed, built again here from what it offered: text a form sends is never the record.
        var wording = form.FromBox && chosen.Count > 0 ? NewsletterConsent.ForBox(chosen[0].Name) : NewsletterConsent.Text;
        await signups.SignUpAsync(new SignupRequest(email, form.Name, SourceOf(form.Source), wording, chosen.Select(n => n.Id).ToList(), form.ArticleId), cancellationToken);
        // The same answer for new, pending and confirmed addresses: the form cannot tell anyone who subscribes.
        return Answer(wantsJson, ok: true, CheckInbox);
    }

    [HttpGet("/newsletter/confirm")]
    public async Task<IActionResult> Confirm([FromQuery] string? token, CancellationToken cancellationToken) =>
        await signups.CheckConfirmationAsync(token, cancellationToken) switch
        {
            ConfirmationState.Ready => Message("Confirm your subscription", "One last step: press the button to start receiving the newsletter.", token, SiteUrls.NewsletterConfirm, "Confirm my subscription"),
            ConfirmationState.AlreadyConfirmed => Message("You're already subscribed", "This address is already confirmed. The newsletter is on its way."),
            _ => Invalid(),
        };

    [HttpPost("/newsletter/confirm")]
    public async Task<IActionResult> ConfirmPost([FromForm] string? token, CancellationToken cancellationToken) =>
        await signups.ConfirmAsync(token, cancellationToken) switch
        {
            ConfirmationState.Ready => Message("You're subscribed", "Thank you. We have sent you a welcome email, and the next newsletter will arrive in your inbox.", memory: Remember),
            ConfirmationState.AlreadyConfirmed => Message("You're already subscribed", "This address is already confirmed. The newsletter is on its way.", memory: Remember),
            _ => Invalid(),
        };

    public const string Remember = "remember";
    public const string Forget = "forget";

    [HttpGet("/newsletter/unsubscribe")]
    public async Task<IActionResult> Unsubscribe([FromQuery] string? token, CancellationToken cancellationToken) =>
        await signups.IsKnownUnsubscribeTokenAsync(token, cancellationToken)
            ? Message("Unsubscribe", "Press the button to stop receiving the newsletter at this address.", token, QueryHelpers.AddQueryString(SiteUrls.NewsletterUnsubscribe, "token", token!), "Unsubscribe")
            : UnknownUnsubscribe();

    /// <summary>
    /// One-click unsubscribe (RFC 8058): mail clients POST here with no cookie and no antiforgery token. The personal
    /// token in the URL is the authority, so nothing else is asked for.
    /// </summary>
    [HttpPost("/newsletter/unsubscribe"), IgnoreAntiforgeryToken]
    public async Task<IActionResult> UnsubscribePost([FromQuery] string? token, CancellationToken cancellationToken) =>
        await signups.UnsubscribeAsync(token, cancellationToken)
            ? Message("You're unsubscribed", "You will not receive the newsletter any more. Changed your mind? You can sign up again at any time.", offerSignup: true, memory: Forget)
            : UnknownUnsubscribe();

    private IActionResult Answer(bool json, bool ok, string message) =>
        json ? Json(new { ok, message }) : Message("Check your inbox", message);

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Message("This link has expired", $"Confirmation links work for {EmailTemplates.Lifetime(TimeSpan.FromHours(options.Value.ConfirmationHours))} and only for the latest email we sent. Sign up again and we will send you a new one.", offerSignup: true);
    }

    private IActionResult UnknownUnsubscribe()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Message("We don't recognise this link", "This unsubscribe link is not valid. If you still receive the newsletter, use the link in the latest email.");
    }

    private ViewResult Message(string heading, string message, string? token = null, string? action = null, string? button = null, bool offerSignup = false, string? memory = null) =>
        View("Message", new NewsletterMessagePage(heading, message, meta.Create(heading, message, SiteUrls.Newsletter) with { NoIndex = true }, token, action, button, offerSignup, memory));

    private PageMeta PageMetaFor() =>
        meta.Create("Newsletter", $"Sign up to get the latest news from {meta.Site.Name} delivered directly to your inbox.", "/newsletter");

    // Only a path on this site is kept as the consent source; anything else is recorded as the newsletter page.
    private static string SourceOf(string? source) =>
        source is { Length: > 0 and <= 500 } && source.StartsWith('/') && !source.StartsWith("//") && !source.Any(char.IsControl) ? source : "/newsletter";
}
