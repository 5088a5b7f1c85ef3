using DiffPlex;
using DiffPlex.Model;

namespace NewsSite.Web.Features.Admin.Articles;

/// <summary>
/// Three-way merge of two people's saves of one story against the version both started from, so the second saver
/// rarely sees a conflict: the body merges paragraph by paragraph (DiffPlex's three-way differ), every other field
/// takes whichever side changed it. Null when both changed the same thing differently.
/// </summary>
public static class ArticleMerge
{
    public static ArticleForm? Merge(ArticleForm @base, ArticleForm theirs, ArticleForm mine)
    {
        var body = MergeBody(@base.BodyMarkdown ?? "", theirs.BodyMarkdown ?? "", mine.BodyMarkdown ?? "");
        if (body is null ||
            !TryPick(@base.Title, theirs.Title, mine.Title, out var title) ||
            !TryPick(Norm(@base.Standfirst), Norm(theirs.Standfirst), Norm(mine.Standfirst), out var standfirst) ||
            !TryPick(Norm(@base.Slug), Norm(theirs.Slug), Norm(mine.Slug), out var slug) ||
            !TryPick(@base.SectionId, theirs.SectionId, mine.SectionId, out var section) ||
            !TryPick(TagList(@base.Tags), TagList(theirs.Tags), TagList(mine.Tags), out var tags) ||
            !TryPick(string.Join(',', @base.AuthorIds), string.Join(',', theirs.AuthorIds), string.Join(',', mine.AuthorIds), out var authors) ||
            !TryPick(@base.HeroMediaId, theirs.HeroMediaId, mine.HeroMediaId, out var hero) ||
            !TryPick(Norm(@base.HeroImageAlt), Norm(theirs.HeroImageAlt), Norm(mine.HeroImageAlt), out var alt) ||
            !TryPick(Norm(@base.HeroImageCaption), Norm(theirs.HeroImageCaption), Norm(mine.HeroImageCaption), out var caption) ||
            !TryPick(Norm(@base.HeroImageCredit), Norm(theirs.HeroImageCredit), Norm(mine.HeroImageCredit), out var credit) ||
            !TryPick(@base.IsFeatured, theirs.IsFeatured, mine.IsFeatured, out var featured) ||
            !TryPick(@base.NoAds, theirs.NoAds, mine.NoAds, out var noAds) ||
            !TryPick(@base.WorkType, theirs.WorkType, mine.WorkType, out var workType) ||
            !TryPick(Norm(@base.SponsorName), Norm(theirs.SponsorName), Norm(mine.SponsorName), out var sponsor) ||
            !TryPick(Norm(@base.Dateline), Norm(theirs.Dateline), Norm(mine.Dateline), out var dateline) ||
            !TryPick(Norm(@base.Backstory), Norm(theirs.Backstory), Norm(mine.Backstory), out var backstory))
        {
            return null;
        }
        return mine with
        {
            Version = theirs.Version,
            Title = title!,
            Standfirst = standfirst,
            Slug = slug,
            SectionId = section,
            Tags = tags,
            AuthorIds = authors!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
            HeroMediaId = hero,
            HeroImageAlt = alt,
            HeroImageCaption = caption,
            HeroImageCredit = credit,
            IsFeatured = featured,
            NoAds = noAds,
            WorkType = workType,
            SponsorName = sponsor,
            Dateline = dateline,
            Backstory = backstory,
            BodyMarkdown = body,
        };
    }

    /// <summary>The merged body, or null when both changed the same paragraph (or neighbouring ones) differently.</summary>
    public static string? MergeBody(string @base, string theirs, string mine)
    {
        if (mine == theirs || mine == @base)
        {
            return theirs;
        }
        if (theirs == @base)
        {
            return mine;
        }
        var result = ThreeWayDiffer.Instance.CreateMerge(Normalise(@base), Normalise(theirs), Normalise(mine), false, false, ParagraphChunker.Instance);
        return result.IsSuccessful ? string.Join("\n\n", result.MergedPieces) : null;
    }

    private static bool TryPick<T>(T @base, T theirs, T mine, out T picked)
    {
        var comparer = EqualityComparer<T>.Default;
        if (comparer.Equals(mine, theirs) || comparer.Equals(mine, @base))
        {
            picked = theirs;
            return true;
        }
        picked = mine;
        return comparer.Equals(theirs, @base);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").Trim('\n');

    private static string? Norm(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string TagList(string? tags) =>
        string.Join(", ", (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Markdown's own unit of meaning: blocks separated by blank lines.</summary>
    private sealed class ParagraphChunker : IChunker
    {
        public static readonly ParagraphChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) =>
            System.Text.RegularExpressions.Regex.Split(text, @"\n[ \t]*\n(?:[ \t]*\n)*");
    }
}
