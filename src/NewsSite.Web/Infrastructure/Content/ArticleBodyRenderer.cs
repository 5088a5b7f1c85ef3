using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;

namespace NewsSite.Web.Infrastructure.Content;

public sealed record RenderedBody(string Html, string Text, int ReadingTimeMinutes);

/// <summary>
/// Turns an article's Markdown into the HTML readers see. Markdig renders, HtmlSanitizer then removes anything
/// that could run script, whoever wrote the Markdown: the result is stored and shown as is.
/// </summary>
public sealed class ArticleBodyRenderer
{
    private const int WordsPerMinute = 230;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private readonly HtmlSanitizer sanitizer;
    private readonly HtmlParser parser = new();

    public ArticleBodyRenderer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Article typography comes from the site's stylesheet, not from inline styles or classes in the body.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
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

    public RenderedBody Render(string markdown)
    {
        var html = sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline)).Trim();
        var text = TextOf(html);
        return new RenderedBody(html, text, ReadingTime(text));
    }

    public string SanitizeInline(string html) => sanitizer.Sanitize(html);

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

    private static bool IsExternal(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
