using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Errors;

public sealed record ErrorPage(int StatusCode, string Heading, string Message, PageMeta Meta) : IHasPageMeta;

/// <summary>Friendly pages for errors, re-executed by the status-code and exception middleware with the right status.</summary>
// Re-executed for failed POSTs too (a missing antiforgery token among them): the error page itself must not demand one.
[ApiExplorerSettings(IgnoreApi = true), IgnoreAntiforgeryToken]
public sealed class ErrorsController(PageMetaFactory meta, ILogger<ErrorsController> logger) : Controller
{
    [Route("/error/{code:int?}")]
    public IActionResult Show()
    {
        // Read from the route by hand: binding a parameter would read the failed request's form again, and a form
        // the framework could not parse (say, with a NUL byte) would then fail the error page too.
        var statusCode = int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            statusCode = StatusCodes.Status500InternalServerError;
            logger.LogDebug("Showing the error page for {Path}", failure.Path);
        }
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // /error/... typed in directly is not an error of ours.
            statusCode = StatusCodes.Status404NotFound;
        }

        var (heading, message) = statusCode switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the address may be mistyped."),
            400 => ("Bad request", "We could not understand that request."),
            405 => ("Not allowed", "That action is not available here."),
            429 => ("Too many requests", "You have made a lot of requests in a short time. Please wait a minute and try again."),
            _ when statusCode >= 500 => ("Something went wrong", "Sorry, something went wrong on our side. Please try again in a moment."),
            _ => ("Something went wrong", "That request could not be completed."),
        };
        Response.StatusCode = statusCode;
        var pageMeta = meta.Create(heading, message, "/") with { NoIndex = true };
        return View("Error", new ErrorPage(statusCode, heading, message, pageMeta));
    }
}
