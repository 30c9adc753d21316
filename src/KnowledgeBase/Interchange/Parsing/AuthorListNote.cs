namespace KnowledgeBase.Interchange.Parsing;

/// <summary>
/// How an incomplete author list travels in formats that have no way to say so (RIS, CSL-JSON): a note line
/// "Author list incomplete (et al.)", never an author called "et al.". Writers add it; the parsers take it out of the
/// note again and mark the list truncated, so an export read back is the record that was written.
/// </summary>
public static class AuthorListNote
{
    public const string Text = "Author list incomplete (et al.)";

    /// <summary>The note without the marker line, and whether the marker was there.</summary>
    public static (string? Note, bool Truncated) Split(string? note)
    {
        if (string.IsNullOrWhiteSpace(note) || !note.Contains(Text, StringComparison.Ordinal)) return (note, false);
        var rest = string.Join("\n", note.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.Trim().TrimEnd('.').Equals(Text, StringComparison.Ordinal)));
        return (string.IsNullOrWhiteSpace(rest) ? null : rest, true);
    }
}
