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

/// <summary>A readable line-by-line diff of two texts (DiffPlex), for revisions and edit conflicts.</summary>
public static class RevisionDiff
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
}
