using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>An article body cut in two where the inline advertisement goes; <see cref="After"/> is null when no ad fits.</summary>
public sealed record SplitBody(string Before, string? After);

public static class AdPlacement
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Splits the body after its <paramref name="paragraphs"/>th top-level paragraph. Paragraphs inside quotes or lists
    /// do not count, so an ad never lands inside a quotation; a body too short to have text after that point gets no ad.
    /// </summary>
    public static SplitBody Split(string bodyHtml, int paragraphs)
    {
        var document = Parser.ParseDocument($"<body>{bodyHtml}</body>");
        var children = document.Body!.ChildNodes.ToList();
        var seen = 0;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is IElement { LocalName: "p" } && ++seen == paragraphs)
            {
                var rest = children.Skip(i + 1).ToList();
                if (!rest.Any(n => n is IElement || !string.IsNullOrWhiteSpace(n.TextContent)))
                {
                    break;
                }
                return new SplitBody(
                    string.Concat(children.Take(i + 1).Select(n => n.ToHtml())),
                    string.Concat(rest.Select(n => n.ToHtml())));
            }
        }
        return new SplitBody(bodyHtml, null);
    }
}
