using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;

namespace NewsSite.Web.Infrastructure.Content;

/// <summary>A library image as a story's body shows it (see <see cref="ArticleBodyRenderer"/>).</summary>
public sealed record BodyImage(int Id, string StoragePath, string? VariantWidths, int Width, int Height, string AltText, string? Caption, string? Credit);

/// <summary>
/// Loads the library images a body refers to as <c>media:42</c>, so the renderer stays a pure function of the
/// Markdown and what it is given. Every caller that renders a body asks here first: save, preview, restore, samples.
/// </summary>
public sealed partial class BodyImages(NewsDbContext db)
{
    public const string Scheme = "media:";

    private const int MaxReferences = 200;

    /// <summary>The images the Markdown mentions, by id; ids that no longer exist are simply absent.</summary>
    public async Task<IReadOnlyDictionary<int, BodyImage>> ForAsync(string? markdown, CancellationToken cancellationToken)
    {
        var ids = IdsIn(markdown);
        if (ids.Count == 0)
        {
            return Empty;
        }
        return await db.Media.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new BodyImage(m.Id, m.StoragePath, m.VariantWidths, m.Width, m.Height, m.AltText, m.Caption, m.Credit))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    public static IReadOnlyDictionary<int, BodyImage> Empty { get; } = new Dictionary<int, BodyImage>();

    /// <summary>Ids after "media:" anywhere in the text (a few too many costs nothing; the renderer decides what is an image).</summary>
    public static IReadOnlyList<int> IdsIn(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? [] : Reference().Matches(markdown)
            .Select(m => int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Take(MaxReferences).ToList();

    /// <summary>The id of a "media:42" address, or null.</summary>
    public static int? IdOf(string? url) =>
        url is not null && url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && int.TryParse(url.AsSpan(Scheme.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>The Markdown an editor inserts for a library image: <c>![alt](media:42 "caption")</c>.</summary>
    public static string MarkdownFor(int id, string? alt, string? caption)
    {
        var text = Escape(OneLine(alt), "\\[]");
        var title = OneLine(caption);
        return string.IsNullOrEmpty(title)
            ? string.Create(CultureInfo.InvariantCulture, $"![{text}]({Scheme}{id})")
            : string.Create(CultureInfo.InvariantCulture, $"![{text}]({Scheme}{id} \"{Escape(title, "\\\"")}\")");
    }

    private static string OneLine(string? value) => Text.CollapseWhitespace(value ?? "");

    private static string Escape(string value, string characters) =>
        string.Concat(value.Select(c => characters.Contains(c) ? $"\\{c}" : c.ToString()));

    [GeneratedRegex(@"media:(\d{1,9})", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
