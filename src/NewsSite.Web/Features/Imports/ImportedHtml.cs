using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Imports;

/// <summary>
/// Turns another system's HTML body into the site's Markdown, the source editors keep editing here. Raw HTML is no
/// good as that source: the renderer has no HTML blocks (every tag is inline in a paragraph) and an indented line of
/// HTML would become a code block, so blocks become Markdown (paragraphs, headings, lists, quotes, code, tables) and
/// only a few inline tags the sanitizer keeps stay as tags (sup, sub, abbr, cite, …). Text is escaped, so a stray
/// asterisk or an unknown shortcode in brackets is shown as typed. The result still goes through the renderer and its
/// sanitizer at save, like anything written here.
/// </summary>
public sealed partial class ImportedHtml
{
    /// <summary>Where an image in the body should point: "media:42" for a library image, or null to keep its address.</summary>
    public delegate string? ImageResolver(string src);

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "table", "figure", "dl", "div", "section",
        "article", "header", "footer", "main", "aside", "nav", "center", "address", "details", "iframe", "video", "audio", "form",
        "fieldset", "script", "style", "noscript", "object", "embed", "figcaption", "summary",
    };

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "object", "embed", "form", "input", "button", "select", "textarea", "template", "svg", "math", "head", "title", "meta", "link",
    };

    // Inline tags the sanitizer keeps and Markdown has no syntax for: kept as tags (without attributes but abbr's title).
    private static readonly HashSet<string> KeptInline = new(StringComparer.OrdinalIgnoreCase)
    {
        "sup", "sub", "abbr", "cite", "q", "ins", "mark", "small", "dfn", "var", "samp", "time",
    };

    private readonly HtmlParser parser = new();

    /// <summary>
    /// The Markdown for <paramref name="html"/>. With <paramref name="autoParagraphs"/> (WordPress's wpautop), text
    /// outside block tags is split into paragraphs at blank lines and its single newlines become line breaks.
    /// </summary>
    public string ToMarkdown(string html, bool autoParagraphs, ImageResolver images)
    {
        var document = parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var writer = new Writer(autoParagraphs, images);
        var blocks = writer.BlocksOf(document.Body!);
        return string.Join("\n\n", blocks.Where(b => b.Trim().Length > 0)).Trim() + "\n";
    }

    /// <summary>The text of an HTML fragment (a title with markup in it, an excerpt), on one line.</summary>
    public string PlainText(string? html) =>
        string.IsNullOrWhiteSpace(html) ? "" : Text.CollapseWhitespace(parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!.TextContent);

    private sealed class Writer(bool autoParagraphs, ImageResolver images)
    {
        public List<string> BlocksOf(INode container)
        {
            var blocks = new List<string>();
            var run = new List<INode>();
            foreach (var child in container.ChildNodes)
            {
                if (child is IElement element && Blocks.Contains(element.LocalName))
                {
                    FlushRun(run, blocks);
                    blocks.AddRange(Block(element));
                }
                else if (child is IElement or IText)
                {
                    run.Add(child);
                }
            }
            FlushRun(run, blocks);
            return blocks;
        }

        /// <summary>Text and inline tags between blocks: wpautop's paragraphs, or one paragraph.</summary>
        private void FlushRun(List<INode> run, List<string> blocks)
        {
            if (run.Count == 0)
            {
                return;
            }
            var paragraphs = new List<StringBuilder> { new() };
            foreach (var node in run)
            {
                if (autoParagraphs && node is IText text)
                {
                    var parts = BlankLine().Split(text.Data);
                    for (var i = 0; i < parts.Length; i++)
                    {
                        if (i > 0)
                        {
                            paragraphs.Add(new StringBuilder());
                        }
                        paragraphs[^1].Append(TextWithBreaks(parts[i]));
                    }
                }
                else
                {
                    paragraphs[^1].Append(Inline(node));
                }
            }
            run.Clear();
            foreach (var paragraph in paragraphs)
            {
                var value = Tidy(paragraph.ToString());
                if (value.Length > 0)
                {
                    blocks.Add(value);
                }
            }
        }

        private static string TextWithBreaks(string text) =>
            string.Join("\\\n", text.Replace("\r", "").Split('\n').Select(l => Escape(MultipleSpaces().Replace(l.Replace('\t', ' '), " "))));

        private IEnumerable<string> Block(IElement element)
        {
            switch (element.LocalName)
            {
                case "p" or "address" or "summary" or "figcaption":
                    return [Tidy(InlineChildren(element))];
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    var level = element.LocalName[1] - '0';
                    var heading = Text.CollapseWhitespace(InlineChildren(element).Replace("\\\n", " "));
                    return heading.Length == 0 ? [] : [new string('#', level) + " " + heading];
                case "ul" or "ol":
                    return [List(element)];
                case "blockquote":
                    return [Prefix(string.Join("\n\n", BlocksOf(element)), "> ", ">")];
                case "pre":
                    return [Fenced(element.TextContent)];
                case "hr":
                    return ["***"];
                case "table":
                    return [Table(element)];
                case "dl":
                    return element.Children.Select(c => c.LocalName == "dt" ? "**" + Text.CollapseWhitespace(InlineChildren(c)) + "**" : Tidy(InlineChildren(c))).Where(s => s.Trim('*').Length > 0).ToList();
                case "figure":
                    return Figure(element);
                case "iframe" or "video" or "audio":
                    // A video or player: its address alone in a paragraph, which the renderer makes a click-to-load
                    // embed when it knows the site (YouTube, Vimeo), and a plain link otherwise.
                    var src = element.GetAttribute("src") ?? element.QuerySelector("source[src]")?.GetAttribute("src");
                    return src is { Length: > 0 } && IsWebAddress(src) ? [LinkLine(src)] : [];
                default:
                    return Dropped.Contains(element.LocalName) ? [] : BlocksOf(element);
            }
        }

        private List<string> Figure(IElement figure)
        {
            var caption = figure.QuerySelector("figcaption") is { } c ? Text.CollapseWhitespace(c.TextContent) : null;
            var image = figure.QuerySelector("img");
            if (image is null)
            {
                return BlocksOf(figure);
            }
            var src = image.GetAttribute("src") ?? "";
            var alt = Text.CollapseWhitespace(image.GetAttribute("alt") ?? "");
            if (images(src) is { } library && BodyImages.IdOf(library) is { } id)
            {
                return [BodyImages.MarkdownFor(id, alt, caption)];
            }
            var picture = ImageMarkdown(src, alt);
            var link = image.ParentElement is { LocalName: "a" } a && a.GetAttribute("href") is { Length: > 0 } href && href != src && IsWebAddress(href) ? href : null;
            var line = link is null ? picture : $"[{picture}]({Destination(link)})";
            return string.IsNullOrEmpty(caption) ? [line] : [line, "*" + Escape(caption) + "*"];
        }

        private string List(IElement list)
        {
            var ordered = list.LocalName == "ol";
            var lines = new List<string>();
            var number = 1;
            foreach (var item in list.Children.Where(c => c.LocalName == "li"))
            {
                var marker = ordered ? $"{number++}. " : "- ";
                var blocks = BlocksOf(item);
                var body = new StringBuilder();
                for (var i = 0; i < blocks.Count; i++)
                {
                    if (i > 0)
                    {
                        // A nested list follows its item's text directly; a second paragraph needs a blank line.
                        body.Append(blocks[i].StartsWith("- ", StringComparison.Ordinal) || NumberedItem().IsMatch(blocks[i]) ? "\n" : "\n\n");
                    }
                    body.Append(blocks[i]);
                }
                var text = body.Length == 0 ? "" : body.ToString();
                var indent = new string(' ', marker.Length);
                var itemLines = text.Split('\n');
                lines.Add(marker + itemLines[0]);
                lines.AddRange(itemLines.Skip(1).Select(l => l.Length == 0 ? "" : indent + l));
            }
            return string.Join("\n", lines);
        }

        private string Table(IElement table)
        {
            var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
            if (rows.Count == 0)
            {
                return "";
            }
            var cells = rows.Select(r => r.Children.Where(c => c.LocalName is "td" or "th")
                .Select(c => Text.CollapseWhitespace(InlineChildren(c).Replace("\\\n", " ")).Replace("|", "\\|")).ToList()).ToList();
            var width = cells.Max(r => r.Count);
            if (width == 0)
            {
                return "";
            }
            var lines = new List<string>();
            for (var i = 0; i < cells.Count; i++)
            {
                var row = cells[i].Concat(Enumerable.Repeat("", width - cells[i].Count));
                lines.Add("| " + string.Join(" | ", row) + " |");
                if (i == 0)
                {
                    lines.Add("|" + string.Concat(Enumerable.Repeat(" --- |", width)));
                }
            }
            return string.Join("\n", lines);
        }

        private string InlineChildren(INode node) => string.Concat(node.ChildNodes.Select(Inline));

        private string Inline(INode node)
        {
            if (node is IText text)
            {
                var value = text.Data.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
                return Escape(MultipleSpaces().Replace(value, " "));
            }
            if (node is not IElement element || Dropped.Contains(element.LocalName))
            {
                return "";
            }
            switch (element.LocalName)
            {
                case "br":
                    return "\\\n";
                case "strong" or "b":
                    return Wrap(InlineChildren(element), "**");
                case "em" or "i":
                    return Wrap(InlineChildren(element), "*");
                case "del" or "s" or "strike":
                    return Wrap(InlineChildren(element), "~~");
                case "code" or "kbd" or "tt":
                    return Code(element.TextContent);
                case "img":
                    var src = element.GetAttribute("src") ?? "";
                    var alt = Text.CollapseWhitespace(element.GetAttribute("alt") ?? "");
                    return images(src) is { } library && BodyImages.IdOf(library) is { } id ? BodyImages.MarkdownFor(id, alt, null) : ImageMarkdown(src, alt);
                case "a":
                    var content = InlineChildren(element);
                    var href = element.GetAttribute("href");
                    if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || !(IsWebAddress(href) || href.StartsWith('/') || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)))
                    {
                        return content;
                    }
                    return content.Trim().Length == 0 ? "" : $"[{content.Trim()}]({Destination(href)})";
                case "acronym" or "abbr":
                    var title = element.GetAttribute("title");
                    return string.IsNullOrWhiteSpace(title) ? InlineChildren(element)
                        : $"<abbr title=\"{System.Net.WebUtility.HtmlEncode(Text.CollapseWhitespace(title))}\">{InlineChildren(element)}</abbr>";
                case "big":
                    return InlineChildren(element);
                default:
                    if (KeptInline.Contains(element.LocalName))
                    {
                        var inner = InlineChildren(element);
                        return inner.Length == 0 ? "" : $"<{element.LocalName}>{inner}</{element.LocalName}>";
                    }
                    // Anything else inline (span, font, u, a block inside a paragraph) keeps only its text and children.
                    return Blocks.Contains(element.LocalName) ? " " + string.Join(" ", BlocksOf(element)) + " " : InlineChildren(element);
            }
        }

        private static string ImageMarkdown(string src, string alt) =>
            IsWebAddress(src) || src.StartsWith('/') ? $"![{Escape(alt)}]({Destination(src)})" : Escape(alt);

        private static string LinkLine(string address) => address.Replace(" ", "%20");
    }

    /// <summary>Emphasis only where Markdown will see it: spaces stay outside the markers, empty ones vanish.</summary>
    private static string Wrap(string content, string marker)
    {
        var trimmed = content.Trim();
        if (trimmed.Length == 0 || trimmed == "\\")
        {
            return content;
        }
        var lead = content[..(content.Length - content.TrimStart().Length)];
        var trail = content[content.TrimEnd().Length..];
        return $"{lead}{marker}{trimmed}{marker}{trail}";
    }

    private static string Code(string text)
    {
        text = Text.CollapseWhitespace(text);
        if (text.Length == 0)
        {
            return "";
        }
        var fence = new string('`', LongestRun(text, '`') + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{text}{pad}{fence}";
    }

    private static string Fenced(string text)
    {
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        return $"{fence}\n{text.Trim('\n', '\r').Replace("\r\n", "\n")}\n{fence}";
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    private static string Prefix(string text, string prefix, string emptyPrefix) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? emptyPrefix : prefix + l));

    private static string Destination(string address)
    {
        var value = address.Trim().Replace(" ", "%20").Replace("(", "%28").Replace(")", "%29").Replace("<", "%3C").Replace(">", "%3E");
        return value;
    }

    private static bool IsWebAddress(string value) =>
        value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Text as Markdown reads it literally: its punctuation escaped where it would mean something.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '~' or '|')
            {
                builder.Append('\\');
            }
            else if (c == '&' && Entity().IsMatch(text.AsSpan(i)))
            {
                builder.Append("&amp;");
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A paragraph's lines trimmed, and anything at a line's start that Markdown would read as a block escaped.</summary>
    private static string Tidy(string paragraph)
    {
        var lines = paragraph.Replace("\r", "").Split('\n').Select(l => l.Trim()).ToList();
        // A break on a line of its own, or a blank line, would end the paragraph or show a backslash: the line before
        // already ends with its break.
        lines.RemoveAll(l => l is "" or "\\");
        if (lines.Count > 0 && lines[^1].EndsWith('\\') && !lines[^1].EndsWith("\\\\", StringComparison.Ordinal))
        {
            lines[^1] = lines[^1][..^1].TrimEnd();
        }
        return string.Join("\n", lines.Select(EscapeBlockStart));
    }

    private static string EscapeBlockStart(string line)
    {
        if (NumberedItem().IsMatch(line))
        {
            // "1. " would start a list: the escaped full stop keeps it a sentence.
            var at = line.IndexOfAny(['.', ')']);
            return line[..at] + "\\" + line[at..];
        }
        return BlockStart().IsMatch(line) ? "\\" + line : line;
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"^&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex Entity();

    [GeneratedRegex(@"^\d{1,9}[.)]( |$)")]
    private static partial Regex NumberedItem();

    // Headings, quotes, list markers, rules, containers and setext underlines at the start of a line.
    [GeneratedRegex(@"^(#{1,6}(\s|$)|[-+=](\s|$)|[-=]{2,}\s*$|:{3})")]
    private static partial Regex BlockStart();
}
