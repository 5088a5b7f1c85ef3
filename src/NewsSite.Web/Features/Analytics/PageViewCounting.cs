using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Analytics;

/// <summary>Marks a controller or action whose HTML pages are reader pages, counted as views.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CountedPageAttribute : Attribute;

/// <summary>
/// Counts a reader's view of a page. It sits before the output cache, so a page answered from the cache is counted
/// like one built afresh; routing has run by then, so the endpoint (and its <see cref="CountedPageAttribute"/>) is
/// known on a hit too. Only a GET ending in 200 with an HTML body, or in 304 (the browser's copy still holds), counts; robots, prefetches and (when the site says
/// so) readers sending GPC or DNT do not. Nothing about the reader is kept: the page, the hour and the class of the
/// referrer, added to a counter in memory.
/// </summary>
public sealed class PageViewCounting(RequestDelegate next, PageViewTally tally, IOptions<AnalyticsOptions> options, IOptions<SiteOptions> site)
{
    /// <summary>
    /// Carries a story's id from its controller to this middleware. A header, not HttpContext.Items, because the
    /// output cache stores a page's headers and replays them on every hit, when no controller runs; this middleware
    /// removes it before the response leaves, so readers never see it.
    /// </summary>
    public const string ArticleHeader = "X-Counted-Article";

    private static readonly object Marker = new();

    private readonly string siteHost = new Uri(site.Value.BaseUrl).Host.ToLowerInvariant();
    private readonly bool respectPrivacySignals = options.Value.RespectPrivacySignals;

    /// <summary>Tells the counting middleware (if it runs) which story this page is. Called by the story's controller.</summary>
    public static void MarkArticle(HttpContext context, int articleId)
    {
        if (context.Items.ContainsKey(Marker))
        {
            context.Response.Headers[ArticleHeader] = articleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
            context.GetEndpoint()?.Metadata.GetMetadata<CountedPageAttribute>() is not null)
        {
            context.Items[Marker] = Marker;
            context.Response.OnStarting(static state =>
            {
                var (self, context) = ((PageViewCounting, HttpContext))state;
                self.CountIfRead(context);
                return Task.CompletedTask;
            }, (this, context));
        }
        return next(context);
    }

    private void CountIfRead(HttpContext context)
    {
        var response = context.Response;
        int? articleId = null;
        if (response.Headers.TryGetValue(ArticleHeader, out var marked))
        {
            response.Headers.Remove(ArticleHeader);
            articleId = int.TryParse(marked.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        var request = context.Request;
        // A 304 is a reader coming back to a page their browser kept (the ETag matched): still a view of it.
        var read = response.StatusCode == StatusCodes.Status304NotModified ||
            (response.StatusCode == StatusCodes.Status200OK && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!read || !HttpMethods.IsGet(request.Method))
        {
            return;
        }
        var headers = request.Headers;
        if (CountedVisits.IsRobot(headers.UserAgent) || CountedVisits.IsPrefetch(headers) ||
            (respectPrivacySignals && CountedVisits.AsksNotToBeCounted(headers)))
        {
            return;
        }
        var utmMedium = request.QueryString.HasValue ? request.Query["utm_medium"].ToString() : null;
        var source = ReferrerClassifier.Classify(headers[HeaderNames.Referer], utmMedium, [siteHost, request.Host.Host.ToLowerInvariant()]);
        tally.Add(request.Path.Value!.ToLowerInvariant(), source, articleId);
    }
}
