using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsSite.Web.Features.Feeds;

/// <summary>
/// A story as a feed item's HTML: its picture, then its body, with every site-relative address made absolute (a feed
/// reader shows it on another site, where "/media/…" means nothing).
/// </summary>
public static class FeedHtml
{
    private static readonly HtmlParser Parser = new();

    public static string Of(FeedItem item, Func<string, Uri> absolute)
    {
        var picture = item.Image is { } image
            ? $"<figure><img src=\"{WebUtility.HtmlEncode(AbsoluteUrl(image.Url, absolute))}\" alt=\"{WebUtility.HtmlEncode(image.Alt ?? "")}\"" +
              (image.Width is { } w && image.Height is { } h ? $" width=\"{w}\" height=\"{h}\"" : "") + "></figure>"
            : "";
        return picture + Absolutize(item.BodyHtml ?? "", absolute);
    }

    internal static string Absolutize(string html, Func<string, Uri> absolute)
    {
        var document = Parser.ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("[src], [href], [srcset]"))
        {
            Rewrite(element, "src", absolute);
            Rewrite(element, "href", absolute);
            if (element.GetAttribute("srcset") is { } srcset)
            {
                // "a.jpg 480w, b.jpg 960w": each candidate's address, keeping its width.
                element.SetAttribute("srcset", string.Join(", ", srcset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, var size] ? $"{AbsoluteUrl(url, absolute)} {size}" : AbsoluteUrl(candidate, absolute))));
            }
        }
        return document.Body.InnerHtml;
    }

    private static void Rewrite(IElement element, string attribute, Func<string, Uri> absolute)
    {
        if (element.GetAttribute(attribute) is { } value)
        {
            element.SetAttribute(attribute, AbsoluteUrl(value, absolute));
        }
    }

    // Only site-relative addresses change: "https://…", "mailto:…" and "#notes" stay as they are.
    internal static string AbsoluteUrl(string url, Func<string, Uri> absolute) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? absolute(url).ToString() : url;
}
