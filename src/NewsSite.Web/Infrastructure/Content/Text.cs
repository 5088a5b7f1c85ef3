using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsSite.Web.Infrastructure.Content;

public static partial class Text
{
    public const int MaxSlugLength = 80;

    /// <summary>A lower-case, hyphenated, ASCII slug: "Café owners' Ünion" becomes "cafe-owners-union".</summary>
    public static string Slugify(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’')
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                builder.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var slug = builder.ToString();
        if (slug.Length <= MaxSlugLength)
        {
            return slug;
        }
        // Cut at a word boundary so a long headline does not end its slug mid-word.
        var cut = slug.LastIndexOf('-', MaxSlugLength);
        return cut > 0 ? slug[..cut] : slug[..MaxSlugLength];
    }

    public static string CollapseWhitespace(string value) => Whitespace().Replace(value, " ").Trim();

    public static int CountWords(string text) => Words().Count(text);

    /// <summary>At most <paramref name="maxLength"/> characters, cut at a word boundary with an ellipsis.</summary>
    public static string Excerpt(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= maxLength)
        {
            return text ?? "";
        }
        var cut = text.LastIndexOf(' ', maxLength - 1);
        var end = cut > maxLength / 2 ? cut : maxLength - 1;
        return text[..end].TrimEnd(',', ';', ':', '.', ' ', '-') + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")]
    private static partial Regex Words();
}
