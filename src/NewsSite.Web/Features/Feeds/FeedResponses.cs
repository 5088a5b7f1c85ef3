using Microsoft.AspNetCore.Mvc;
using NewsSite.Web.Features.Shared;

namespace NewsSite.Web.Features.Feeds;

public sealed record FeedPage(FeedSource Source, string FeedUrl, PageMeta Meta) : IHasPageMeta;

/// <summary>
/// One feed address for two audiences. Feed readers get the XML; a person who opens the address in a browser (which
/// asks for HTML first) gets a page saying what a feed is, with the stories linked, instead of a wall of markup.
/// Browsers no longer apply XSLT, so a stylesheet in the XML cannot do it. The page cache keeps the two apart
/// (<see cref="VaryKey"/>).
/// </summary>
public static class FeedResponses
{
    public static IActionResult Respond(Controller controller, FeedSource source, FeedFormat format, PageMetaFactory meta)
    {
        var feedUrl = meta.Absolute(controller.Request.Path);
        if (OpenedInBrowser(controller.Request))
        {
            var pageMeta = meta.Create($"{source.Title} (news feed)", source.Description, controller.Request.Path) with
            {
                NoIndex = true,
                RssUrl = format == FeedFormat.Rss ? feedUrl : null,
                AtomUrl = format == FeedFormat.Atom ? feedUrl : null,
                FeedTitle = source.Title,
            };
            return controller.View("~/Features/Feeds/Browse.cshtml", new FeedPage(source, feedUrl, pageMeta));
        }
        var contentType = format == FeedFormat.Rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
        return controller.File(FeedWriter.Write(source, format, path => new Uri(meta.Absolute(path))), contentType);
    }

    /// <summary>The page cache's key part: feeds answer browsers and readers differently; other pages are one.</summary>
    public static KeyValuePair<string, string> VaryKey(HttpContext context) =>
        new("feed-view", IsFeed(context.Request.Path) && OpenedInBrowser(context.Request) ? "page" : "");

    private static bool IsFeed(PathString path) =>
        path.Value is { } value && (value.EndsWith("/feed.xml", StringComparison.Ordinal) || value.EndsWith("/atom.xml", StringComparison.Ordinal));

    // Browsers navigating ask for text/html; feed readers ask for RSS, Atom, XML or anything.
    private static bool OpenedInBrowser(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("rss", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("atom", StringComparison.OrdinalIgnoreCase);
    }
}
