using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Newsletter;

public sealed record NewsletterPage(string? Email, PageMeta Meta) : IHasPageMeta;

/// <summary>
/// The newsletter page. The signup box on (cached) article pages sends readers here with the address they typed;
/// double opt-in signup is built in the newsletter issue.
/// </summary>
public sealed class NewsletterController(PageMetaFactory meta) : Controller
{
    [HttpGet("/newsletter")]
    public IActionResult Index([FromQuery] string? email) =>
        View(new NewsletterPage(email?.Trim() is { Length: > 0 and <= 254 } e ? e : null,
            meta.Create("Newsletter", $"Sign up to get the latest news from {meta.Site.Name} delivered directly to your inbox.", "/newsletter")));
}
