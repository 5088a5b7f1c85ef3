using System.Text;

namespace NewsSite.Web.Features.Imports;

/// <summary>One line of a report: what (a post, a page, an image), which one, and why it is listed.</summary>
public sealed record ImportNote(string Kind, string Item, string Reason);

/// <summary>
/// What an import did, item by item: brought in, left alone because an earlier run brought it in already, skipped
/// (and why), and warnings about things brought in with something missing. The command prints it; the admin page shows it.
/// </summary>
public sealed class ImportReport(string source)
{
    private readonly List<ImportNote> imported = [];
    private readonly List<ImportNote> already = [];
    private readonly List<ImportNote> skipped = [];
    private readonly List<ImportNote> warnings = [];

    public string Source { get; } = source;
    public IReadOnlyList<ImportNote> Imported => imported;
    public IReadOnlyList<ImportNote> AlreadyImported => already;
    public IReadOnlyList<ImportNote> Skipped => skipped;
    public IReadOnlyList<ImportNote> Warnings => warnings;

    public void Added(string kind, string item, string detail = "") => imported.Add(new ImportNote(kind, item, detail));
    public void AlreadyThere(string kind, string item) => already.Add(new ImportNote(kind, item, "already imported"));
    public void Skip(string kind, string item, string reason) => skipped.Add(new ImportNote(kind, item, reason));
    public void Warn(string kind, string item, string reason) => warnings.Add(new ImportNote(kind, item, reason));

    public string Summary =>
        $"{Source}: {imported.Count} imported, {already.Count} already imported, {skipped.Count} skipped, {warnings.Count} warnings";

    /// <summary>The whole report as plain text, one line an item, for the console.</summary>
    public string ToText()
    {
        var text = new StringBuilder().AppendLine(Summary);
        foreach (var (title, notes) in new[] { ("Imported", imported), ("Already imported", already), ("Skipped", skipped), ("Warnings", warnings) })
        {
            if (notes.Count == 0)
            {
                continue;
            }
            text.AppendLine().AppendLine($"{title} ({notes.Count}):");
            foreach (var note in notes)
            {
                text.AppendLine(note.Reason.Length == 0 ? $"  {note.Kind} {note.Item}" : $"  {note.Kind} {note.Item}: {note.Reason}");
            }
        }
        return text.ToString();
    }
}
