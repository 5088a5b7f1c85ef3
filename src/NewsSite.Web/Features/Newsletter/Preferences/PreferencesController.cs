using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Newsletter.Preferences;

public sealed record PreferencesPage(string LinkToken, PreferencesView Reader, IReadOnlyList<NewsletterChoice> Choices, string? Done, PageMeta Meta) : IHasPageMeta;

public sealed record EraseConfirmPage(string LinkToken, string Email, PageMeta Meta) : IHasPageMeta;

/// <summary>
/// The reader's preference centre, opened by the signed link in every email. Personal: never output-cached, sent with
/// no-store, and every form here carries an antiforgery token (the global filter checks it).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PreferencesController(PreferenceCentre centre, PreferenceLinks links, NewsletterChoices choices, SignupService signups, PageMetaFactory meta) : Controller
{
    private const string MessageView = "/Features/Newsletter/Signup/Message.cshtml";

    [HttpGet("/newsletter/preferences")]
    public async Task<IActionResult> Index([FromQuery] string? t, [FromQuery] string? done, CancellationToken cancellationToken)
    {
        if (links.Read(t) is not { } reader || await centre.ViewAsync(reader, cancellationToken) is not { } view)
        {
            return Expired();
        }
        return View(new PreferencesPage(t!, view, await choices.ActiveAsync(cancellationToken), done, Meta("Your newsletter preferences")));
    }

    [HttpPost("/newsletter/preferences/newsletters")]
    public Task<IActionResult> Choose([FromForm] string? t, [FromForm] List<int> newsletters, CancellationToken cancellationToken) =>
        Act(t, reader => centre.ChooseAsync(reader, newsletters, cancellationToken), "newsletters", "choose-one");

    [HttpPost("/newsletter/preferences/pause")]
    public Task<IActionResult> Pause([FromForm] string? t, [FromForm] int weeks, CancellationToken cancellationToken) =>
        Act(t, reader => centre.PauseAsync(reader, weeks, cancellationToken), weeks == 0 ? "resumed" : "paused");

    [HttpPost("/newsletter/preferences/address")]
    public Task<IActionResult> Address([FromForm] string? t, [FromForm] string? email, CancellationToken cancellationToken) =>
        SignupService.NormalizeEmail(email) is { } address
            ? Act(t, reader => centre.RequestAddressChangeAsync(reader, address, cancellationToken), "address-sent")
            : Task.FromResult<IActionResult>(Back(t, "address-invalid"));

    [HttpGet("/newsletter/preferences/confirm-address")]
    public IActionResult ConfirmAddress([FromQuery] string? token) =>
        NewsletterTokens.LooksValid(token)
            ? Message("Confirm your new address", "Press the button to receive the newsletters at this address from now on.", token, SiteUrls.NewsletterConfirmAddress, "Confirm my new address")
            : Message("This link has expired", "Ask for the change again from your newsletter preferences.", status: StatusCodes.Status404NotFound);

    [HttpPost("/newsletter/preferences/confirm-address")]
    public async Task<IActionResult> ConfirmAddressPost([FromForm] string? token, CancellationToken cancellationToken) =>
        await centre.ConfirmAddressChangeAsync(token, cancellationToken)
            ? Message("Address changed", "The newsletters will come to this address from now on.", memory: NewsletterController.Remember)
            : Message("This link has expired", "Ask for the change again from your newsletter preferences.", status: StatusCodes.Status404NotFound);

    [HttpPost("/newsletter/preferences/download")]
    public async Task<IActionResult> Download([FromForm] string? t, CancellationToken cancellationToken) =>
        links.Read(t) is { } reader && await centre.ExportAsync(reader, cancellationToken) is { } json
            ? File(json, "application/json", "my-newsletter-data.json")
            : Expired();

    [HttpPost("/newsletter/preferences/unsubscribe")]
    public async Task<IActionResult> Unsubscribe([FromForm] string? t, CancellationToken cancellationToken) =>
        links.Read(t) is { } reader && await centre.UnsubscribeAllAsync(reader, signups, cancellationToken)
            ? Message("You're unsubscribed", "You will not receive any of our newsletters any more. Changed your mind? You can sign up again at any time.", offerSignup: true, memory: NewsletterController.Forget)
            : Expired();

    [HttpGet("/newsletter/preferences/erase")]
    public async Task<IActionResult> Erase([FromQuery] string? t, CancellationToken cancellationToken) =>
        links.Read(t) is { } reader && await centre.ViewAsync(reader, cancellationToken) is { } view
            ? View(new EraseConfirmPage(t!, view.Email, Meta("Erase your data")))
            : Expired();

    [HttpPost("/newsletter/preferences/erase")]
    public async Task<IActionResult> ErasePost([FromForm] string? t, CancellationToken cancellationToken) =>
        links.Read(t) is { } reader && await centre.EraseAsync(reader, cancellationToken)
            ? Message("Your data is erased", "We have deleted your address, your name and every email we sent you. We keep only a coded trace (not your address) so that no list can sign you up again without you.", offerSignup: true, memory: NewsletterController.Forget)
            : Expired();

    [HttpGet("/newsletter/preferences/link")]
    public IActionResult Link() => View("Link", new NewsletterMessagePage("Get your preferences link", "", Meta("Get your preferences link")));

    [HttpPost("/newsletter/preferences/link"), Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(NewsletterController.RateLimitPolicy)]
    public async Task<IActionResult> LinkPost([FromForm] string? email, CancellationToken cancellationToken)
    {
        if (SignupService.NormalizeEmail(email) is { } address)
        {
            await centre.RequestLinkAsync(address, cancellationToken);
        }
        // The same answer whatever the address: nobody learns who subscribes.
        return Message("Check your inbox", "If that address receives our newsletters, we have sent it a link to your preferences. It may take a few minutes.");
    }

    private async Task<IActionResult> Act(string? t, Func<string, Task<bool>> action, string done, string? failed = null)
    {
        if (links.Read(t) is not { } reader)
        {
            return Expired();
        }
        return Back(t, await action(reader) ? done : failed ?? done);
    }

    private RedirectResult Back(string? t, string done) =>
        Redirect(QueryHelpers.AddQueryString(SiteUrls.NewsletterPreferences, new Dictionary<string, string?> { ["t"] = t, ["done"] = done }));

    private ViewResult Expired() =>
        Message("This link has expired", "Preference links work for a while and then expire, to keep your subscription yours. Ask for a new one and we will email it to you.",
            status: StatusCodes.Status404NotFound, action: SiteUrls.NewsletterPreferencesLink, button: "Email me a new link", askEmail: true);

    private PageMeta Meta(string title) => meta.Create(title, title, SiteUrls.NewsletterPreferences) with { NoIndex = true };

    private ViewResult Message(string heading, string message, string? token = null, string? action = null, string? button = null,
        bool offerSignup = false, string? memory = null, int status = StatusCodes.Status200OK, bool askEmail = false)
    {
        Response.StatusCode = status;
        if (askEmail)
        {
            return View("Link", new NewsletterMessagePage(heading, message, Meta(heading)));
        }
        return View(MessageView, new NewsletterMessagePage(heading, message, Meta(heading), token, action, button, offerSignup, memory));
    }
}
