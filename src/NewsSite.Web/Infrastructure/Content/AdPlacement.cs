using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>An article body cut in two where the inline advertisement goes; <see cref="After"/> is null when no ad fits.</summary>
public sealed record SplitBody(string Before, string? After);

/// <summary>
/// Where the inline ad goes: after the body's Nth top-level paragraph (Site:AdAfterParagraph). Paragraphs inside quotes
/// or lists do not count, so an ad never lands inside a quotation; a body with nothing after that point gets no ad.
/// The paragraphs' ends are found once, when the body is rendered at save (<see cref="Measure"/>), so a page view
/// only cuts a string; a body saved before they were kept is parsed as it is shown.
/// </summary>
public static class AdPlacement
{
    /// <summary>More than any sensible Site:AdAfterParagraph; a later paragraph gets no ad.</summary>
    public const int ParagraphsMeasured = 12;

    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The body as the page will show it (each top-level node serialised once) and where its first top-level
    /// paragraphs end in that text, as comma-separated character offsets.
    /// </summary>
    public static (string Html, string ParagraphEnds) Measure(string bodyHtml)
    {
        var document = Parser.ParseDocument($"<body>{bodyHtml}</body>");
        var html = new System.Text.StringBuilder(bodyHtml.Length);
        var ends = new List<int>();
        foreach (var node in document.Body!.ChildNodes)
        {
            html.Append(node.ToHtml());
            if (node is IElement { LocalName: "p" } && ends.Count < ParagraphsMeasured)
            {
                ends.Add(html.Length);
            }
        }
        return (html.ToString(), string.Join(',', ends.Select(e => e.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Splits the body after its <paramref name="paragraphs"/>th top-level paragraph, by the ends <see cref="Measure"/> found.</summary>
    public static SplitBody Split(string bodyHtml, string? paragraphEnds, int paragraphs)
    {
        if (paragraphEnds is null)
        {
            return Split(bodyHtml, paragraphs);
        }
        var ends = paragraphEnds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (paragraphs < 1 || paragraphs > ends.Length || !int.TryParse(ends[paragraphs - 1], CultureInfo.InvariantCulture, out var end)
            || end > bodyHtml.Length || string.IsNullOrWhiteSpace(bodyHtml[end..]))
        {
            return new SplitBody(bodyHtml, null);
        }
        return new SplitBody(bodyHtml[..end], bodyHtml[end..]);
    }

    /// <summary>The same, measuring the body first: for a body whose paragraphs' ends were not kept.</summary>
    public static SplitBody Split(string bodyHtml, int paragraphs)
    {
        var (html, ends) = Measure(bodyHtml);
        return Split(html, ends, paragraphs);
    }
}
