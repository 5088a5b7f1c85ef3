using System.Globalization;
using System.Net;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>A paragraph holding only a library image: rendered as a figure like the hero's.</summary>
internal sealed class FigureBlock(BodyImage image, string alt, string? caption) : LeafBlock(null)
{
    public BodyImage Image { get; } = image;
    public string Alt { get; } = alt;
    public string? Caption { get; } = caption;
}

/// <summary>A paragraph holding only an embeddable address: rendered as a click-to-load link.</summary>
internal sealed class EmbedBlock(Embed embed) : LeafBlock(null)
{
    public Embed Embed { get; } = embed;
}

/// <summary>
/// The article body's own blocks: figures for library images, click-to-load embeds, and the <c>::: pullquote</c>
/// container. The blocks are made from the parsed document by <see cref="Transform"/>; this extension renders them.
/// </summary>
internal sealed class BodyBlocksExtension : IMarkdownExtension
{
    public const string PullQuote = "pullquote";

    // The same sizes as the hero's on the article page: the body column is the hero's width.
    public const string Sizes = "(min-width: 64rem) 44rem, 100vw";

    /// <summary>Classes this renderer writes; the sanitizer removes every other class, whoever wrote it.</summary>
    public static readonly IReadOnlySet<string> Classes = new HashSet<string>(StringComparer.Ordinal) { PullQuote, "credit", "embed", "embed-link" };

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.Add(new FigureRenderer());
            html.ObjectRenderers.Add(new EmbedRenderer());
            html.ObjectRenderers.Replace<HtmlCustomContainerRenderer>(new ContainerRenderer());
        }
    }

    /// <summary>Replaces whole-paragraph images and addresses with figures and embeds, and resolves inline library images.</summary>
    public static void Transform(MarkdownDocument document, IReadOnlyDictionary<int, BodyImage> images)
    {
        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            if (paragraph.Parent is not { } parent || paragraph.Inline is not { } inline)
            {
                continue;
            }
            var meaningful = inline.Where(i => !(i is LiteralInline literal && literal.Content.IsEmptyOrWhitespace()) && i is not LineBreakInline).ToList();
            Block? replacement = null;
            if (meaningful is [LinkInline { IsImage: true } image] && BodyImages.IdOf(image.Url) is { } id)
            {
                var alt = AltOf(image);
                replacement = images.TryGetValue(id, out var item)
                    ? new FigureBlock(item, alt.Length > 0 ? alt : item.AltText, string.IsNullOrWhiteSpace(image.Title) ? item.Caption : image.Title)
                    : null;
                if (replacement is null)
                {
                    // A deleted or unknown image: its description stays as text, nothing else.
                    inline.Clear();
                    inline.AppendChild(new LiteralInline(alt));
                    continue;
                }
            }
            else if (AddressOf(meaningful) is { } address && Embeds.Recognise(address) is { } embed)
            {
                replacement = new EmbedBlock(embed);
            }
            if (replacement is not null)
            {
                parent[parent.IndexOf(paragraph)] = replacement;
            }
        }
        // A library image inside a sentence: a plain picture at its largest variant, or its description when unknown.
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.IsImage && BodyImages.IdOf(l.Url) is not null).ToList())
        {
            if (images.TryGetValue(BodyImages.IdOf(link.Url)!.Value, out var item))
            {
                link.Url = MediaUrls.Default(item.StoragePath, item.VariantWidths);
                if (link.FirstChild is null)
                {
                    link.AppendChild(new LiteralInline(item.AltText));
                }
            }
            else
            {
                link.ReplaceBy(new LiteralInline(AltOf(link)), copyChildren: false);
            }
        }
    }

    /// <summary>The address when a paragraph is nothing but one (bare, or in angle brackets), else null.</summary>
    private static string? AddressOf(List<Inline> inlines) => inlines switch
    {
        [LinkInline { IsImage: false, IsAutoLink: true } link] => link.Url,
        [AutolinkInline { IsEmail: false } link] => link.Url,
        [LiteralInline literal] => literal.Content.ToString(),
        _ => null,
    };

    private static string AltOf(LinkInline image) =>
        Text.CollapseWhitespace(string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())));

    private sealed class FigureRenderer : HtmlObjectRenderer<FigureBlock>
    {
        protected override void Write(HtmlRenderer renderer, FigureBlock block)
        {
            var image = block.Image;
            renderer.EnsureLine();
            renderer.Write(string.Create(CultureInfo.InvariantCulture,
                $"<figure><img src=\"{Encode(MediaUrls.Default(image.StoragePath, image.VariantWidths))}\" srcset=\"{Encode(MediaUrls.Srcset(image.StoragePath, image.VariantWidths, image.Width))}\" sizes=\"{Sizes}\" width=\"{image.Width}\" height=\"{image.Height}\" alt=\"{Encode(block.Alt)}\" loading=\"lazy\">"));
            if (!string.IsNullOrWhiteSpace(block.Caption) || !string.IsNullOrWhiteSpace(image.Credit))
            {
                renderer.Write("<figcaption>").Write(Encode(block.Caption?.Trim() ?? ""));
                if (!string.IsNullOrWhiteSpace(image.Credit))
                {
                    renderer.Write(" <span class=\"credit\">").Write(Encode(image.Credit.Trim())).Write("</span>");
                }
                renderer.Write("</figcaption>");
            }
            renderer.WriteLine("</figure>");
        }
    }

    private sealed class EmbedRenderer : HtmlObjectRenderer<EmbedBlock>
    {
        protected override void Write(HtmlRenderer renderer, EmbedBlock block)
        {
            var embed = block.Embed;
            renderer.EnsureLine();
            renderer.WriteLine(
                $"<figure class=\"embed\"><a class=\"embed-link\" href=\"{Encode(embed.OriginalUrl)}\" data-embed-src=\"{Encode(embed.FrameSrc)}\" data-embed-title=\"{Encode(embed.Provider)}\">{Encode(embed.Action)}</a>" +
                $"<figcaption>{Encode(embed.Provider)} content loads only when you ask for it.</figcaption></figure>");
        }
    }

    /// <summary><c>::: pullquote</c> becomes an aside the stylesheet sets large; any other container is a plain div.</summary>
    private sealed class ContainerRenderer : HtmlObjectRenderer<CustomContainer>
    {
        protected override void Write(HtmlRenderer renderer, CustomContainer block)
        {
            var element = string.Equals(block.Info, PullQuote, StringComparison.OrdinalIgnoreCase) ? "aside" : "div";
            renderer.EnsureLine();
            renderer.WriteLine(element == "aside" ? $"<aside class=\"{PullQuote}\">" : "<div>");
            renderer.WriteChildren(block);
            renderer.EnsureLine();
            renderer.WriteLine($"</{element}>");
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
