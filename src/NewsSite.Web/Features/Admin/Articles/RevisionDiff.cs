using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NewsSite.Web.Features.Admin.Articles;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A run of words (with the spaces and line breaks between them) that is the same, added or removed.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>One of a revision's other settings (section, tags, byline, hero, …) in two revisions; null where not recorded.</summary>
public sealed record DetailChange(string Field, string? Before, string? After)
{
    public bool Changed => Before != After;
}

/// <summary>A readable line-by-line diff of two texts (DiffPlex), for revisions and edit conflicts.</summary>
public static partial class RevisionDiff
{
    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, chunker: new DiffPlex.Chunkers.LineChunker());
        return model.Lines.Select(line => new DiffLine(
            line.Type switch
            {
                ChangeType.Inserted => DiffKind.Added,
                ChangeType.Deleted => DiffKind.Removed,
                _ => DiffKind.Same,
            },
            line.Text ?? "")).ToList();
    }

    public static bool HasChanges(IReadOnlyList<DiffLine> lines) => lines.Any(l => l.Kind != DiffKind.Same);

    /// <summary>
    /// A word-level diff: a changed word shows as that word, not as its whole paragraph removed and added again.
    /// Spaces and line breaks are pieces of their own, so the text reads back exactly, paragraphs and all.
    /// </summary>
    public static IReadOnlyList<DiffSegment> Words(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var segments = new List<DiffSegment>();
        void Add(DiffKind kind, IEnumerable<string> pieces)
        {
            var text = string.Concat(pieces);
            if (text.Length == 0)
            {
                return;
            }
            if (segments.Count > 0 && segments[^1].Kind == kind)
            {
                segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            }
            else
            {
                segments.Add(new DiffSegment(kind, text));
            }
        }
        var position = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(DiffKind.Same, result.PiecesOld.Skip(position).Take(block.DeleteStartA - position));
            Add(DiffKind.Removed, result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(DiffKind.Added, result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            position = block.DeleteStartA + block.DeleteCountA;
        }
        Add(DiffKind.Same, result.PiecesOld.Skip(position));
        return JoinReplacedPhrases(segments);
    }

    /// <summary>
    /// A rewritten phrase reads as one phrase removed and one added ("The original wording" → "A rewritten version"),
    /// not word by word around the spaces the two happen to share: a space kept between two replacements joins them.
    /// </summary>
    private static List<DiffSegment> JoinReplacedPhrases(List<DiffSegment> segments)
    {
        var joined = new List<DiffSegment>();
        var removed = new System.Text.StringBuilder();
        var added = new System.Text.StringBuilder();
        void Flush()
        {
            if (removed.Length > 0)
            {
                joined.Add(new DiffSegment(DiffKind.Removed, removed.ToString()));
            }
            if (added.Length > 0)
            {
                joined.Add(new DiffSegment(DiffKind.Added, added.ToString()));
            }
            removed.Clear();
            added.Clear();
        }
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Kind == DiffKind.Removed)
            {
                removed.Append(segment.Text);
            }
            else if (segment.Kind == DiffKind.Added)
            {
                added.Append(segment.Text);
            }
            else if (removed.Length > 0 && added.Length > 0 && i + 1 < segments.Count && segments[i + 1].Kind != DiffKind.Same
                && string.IsNullOrWhiteSpace(segment.Text) && !segment.Text.Contains('\n'))
            {
                removed.Append(segment.Text);
                added.Append(segment.Text);
            }
            else
            {
                Flush();
                joined.Add(segment);
            }
        }
        Flush();
        return joined;
    }

    public static bool HasChanges(IReadOnlyList<DiffSegment> segments) => segments.Any(s => s.Kind != DiffKind.Same);

    /// <summary>What else changed between two revisions. A side is null where the revision kept no details (made before they were recorded).</summary>
    public static IReadOnlyList<DetailChange> Details(RevisionDetails? before, RevisionDetails? after)
    {
        static string Flag(bool on) => on ? "Yes" : "No";
        static string List(List<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
        static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "(none)" : value;
        (string Field, Func<RevisionDetails, string> Read)[] fields =
        [
            ("Section", d => Text(d.Section)),
            ("Tags", d => List(d.Tags)),
            ("Byline", d => List(d.Byline)),
            ("Hero image", d => Text(d.Hero)),
            ("Hero alt text", d => Text(d.HeroImageAlt)),
            ("Hero caption", d => Text(d.HeroImageCaption)),
            ("Hero credit", d => Text(d.HeroImageCredit)),
            ("Address (slug)", d => Text(d.Slug)),
            ("Featured on the front page", d => Flag(d.IsFeatured)),
            ("No ads", d => Flag(d.NoAds)),
        ];
        return fields.Select(f => new DetailChange(f.Field, before is null ? null : f.Read(before), after is null ? null : f.Read(after))).ToList();
    }

    /// <summary>Words, runs of spaces, line breaks and single punctuation marks, each a piece of its own.</summary>
    private sealed partial class WordChunker : IChunker
    {
        public static readonly WordChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => Pieces().Matches(text).Select(m => m.Value).ToArray();

        [System.Text.RegularExpressions.GeneratedRegex(@"\r\n|[\r\n]|[^\S\r\n]+|[\w'’-]+|[^\w\s]")]
        private static partial System.Text.RegularExpressions.Regex Pieces();
    }
}
