using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>A rendered body; <see cref="ParagraphEnds"/> says where the inline ad may go (<see cref="AdPlacement"/>).</summary>
public sealed record RenderedBody(string Html, string Text, int ReadingTimeMinutes, string ParagraphEnds = "");

/// <summary>
/// Turns an article's Markdown into the HTML readers see. Markdig renders, HtmlSanitizer then removes anything
/// that could run script, whoever wrote the Markdown: the result is stored and shown as is.
/// </summary>
public sealed partial class ArticleBodyRenderer
{
    private const int WordsPerMinute = 230;

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    // Elements whose contents an HTML parser reads as raw text (or otherwise parses in a mode of their own): one of
    // them mentioned in prose ("use the <script> tag") would swallow everything after it, and the sanitizer would
    // then drop the lot. They are shown as text whatever the allow-list says.
    private static readonly HashSet<string> NeverRaw = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "iframe", "noscript", "noembed", "noframes", "xmp", "plaintext",
        "template", "select", "option", "optgroup", "svg", "math", "object", "embed", "frameset", "frame",
        "html", "head", "body", "base", "link", "meta",
    };

    private static readonly HashSet<string> VoidElements = ["area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"];

    private const int MaxRawDepth = 16;

    private readonly HtmlSanitizer sanitizer;
    private readonly HtmlParser parser = new();

    public ArticleBodyRenderer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Article typography comes from the site's stylesheet, not from inline styles; the only classes are the few
        // the renderer's own blocks use (a pull quote, a credit, an embed), filtered below whoever wrote them.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.UnionWith(["class", "srcset", "sizes", "data-embed-src", "data-embed-title"]);
        sanitizer.AllowedTags.UnionWith(["figure", "figcaption", "aside"]);
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedAttributes.Add("loading");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }
            KeepKnownClasses(element);
            if (element.GetAttribute("data-embed-src") is { } frameSrc && (element.LocalName != "a" || !Embeds.IsAllowedFrameSrc(frameSrc)))
            {
                element.RemoveAttribute("data-embed-src");
            }
            if (element.LocalName == "img")
            {
                element.SetAttribute("loading", "lazy");
                element.SetAttribute("decoding", "async");
            }
            else if (element.LocalName == "a" && element.GetAttribute("href") is { } href && IsExternal(href))
            {
                element.SetAttribute("rel", "noopener noreferrer");
            }
        };
        sanitizer.AllowedAttributes.Add("decoding");
    }

    /// <summary>The body as readers will see it; throws for Markdown nested too deeply to render (see <see cref="TryRender"/>).</summary>
    public RenderedBody Render(string markdown, IReadOnlyDictionary<int, BodyImage>? images = null) =>
        TryRender(markdown, images) ?? throw new ArgumentException("The Markdown is nested too deeply to render.", nameof(markdown));

    /// <summary>
    /// The body as readers will see it, or null when it is nested too deeply to render (quotes in quotes in quotes...).
    /// <paramref name="images"/> are the library images the body refers to as <c>media:42</c> (from <see cref="BodyImages"/>);
    /// a reference to any other id shows its description as text.
    /// </summary>
    public RenderedBody? TryRender(string markdown, IReadOnlyDictionary<int, BodyImage>? images = null)
    {
        string rendered;
        try
        {
            var document = Markdown.Parse(markdown ?? "", Pipeline);
            BalanceRawHtml(document);
            BodyBlocksExtension.Transform(document, images ?? BodyImages.Empty);
            rendered = Markdown.ToHtml(document, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own guard against deep nesting (its parser and renderer recurse): the input is all it was given.
            return null;
        }
        var (html, paragraphEnds) = AdPlacement.Measure(sanitizer.Sanitize(rendered).Trim());
        var text = TextOf(html);
        return new RenderedBody(html, text, ReadingTime(text), paragraphEnds);
    }

    /// <summary>
    /// Raw HTML the sanitizer would keep stays HTML; any other tag (and any processing instruction, declaration or
    /// CDATA section) becomes visible text, so a tag the writer mentions is read, not silently removed with what
    /// follows it. Comments stay: Markdown only sees a comment once it is closed. Tags left open are closed at the
    /// end of their paragraph, and nesting deeper than <see cref="MaxRawDepth"/> is shown as text: an unclosed
    /// &lt;a&gt; would otherwise turn the rest of the article into a link, and thousands of them cost the HTML
    /// parser seconds (it reopens every one in every following paragraph).
    /// </summary>
    private void BalanceRawHtml(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is not { } container)
            {
                continue;
            }
            var open = new List<string>();
            foreach (var inline in container.Descendants<HtmlInline>().ToList())
            {
                if (inline.Tag.StartsWith("<!--", StringComparison.Ordinal))
                {
                    continue;
                }
                var match = TagName().Match(inline.Tag);
                var name = match.Success ? match.Groups[2].Value.ToLowerInvariant() : "";
                if (!match.Success || NeverRaw.Contains(name) || !sanitizer.AllowedTags.Contains(name))
                {
                    inline.ReplaceBy(new LiteralInline(inline.Tag));
                }
                else if (match.Groups[1].Value == "/")
                {
                    var at = open.LastIndexOf(name);
                    if (at >= 0)
                    {
                        open.RemoveRange(at, open.Count - at);
                    }
                }
                else if (!VoidElements.Contains(name) && !inline.Tag.EndsWith("/>", StringComparison.Ordinal))
                {
                    if (open.Count >= MaxRawDepth)
                    {
                        inline.ReplaceBy(new LiteralInline(inline.Tag));
                        continue;
                    }
                    open.Add(name);
                }
            }
            for (var i = open.Count - 1; i >= 0; i--)
            {
                container.AppendChild(new HtmlInline($"</{open[i]}>"));
            }
        }
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        builder.Extensions.Add(new BodyBlocksExtension());
        // Without HTML blocks every raw tag is an inline tag that ShowUnknownHtmlAsText can judge on its own; an HTML
        // block would carry whole paragraphs (to the end of the article, for an unclosed <textarea>) with it.
        builder.BlockParsers.TryRemove<HtmlBlockParser>();
        return builder.Build();
    }

    [GeneratedRegex("^<(/?)([A-Za-z][A-Za-z0-9-]*)")]
    private static partial Regex TagName();

    internal string TextOf(string html)
    {
        var document = parser.ParseDocument($"<body>{html}</body>");
        // Block elements end with a space so that words from adjacent paragraphs do not run together.
        foreach (var block in document.Body!.QuerySelectorAll("p,h1,h2,h3,h4,h5,h6,li,blockquote,td,th,br,figcaption"))
        {
            block.Append(document.CreateTextNode(" "));
        }
        return Text.CollapseWhitespace(document.Body.TextContent);
    }

    internal static int ReadingTime(string text)
    {
        var words = Text.CountWords(text);
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }

    private static void KeepKnownClasses(IElement element)
    {
        if (element.GetAttribute("class") is not { } value)
        {
            return;
        }
        var kept = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(BodyBlocksExtension.Classes.Contains).ToList();
        if (kept.Count == 0)
        {
            element.RemoveAttribute("class");
        }
        else
        {
            element.SetAttribute("class", string.Join(' ', kept));
        }
    }

    private static bool IsExternal(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
