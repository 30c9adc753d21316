using System.Text;

namespace KnowledgeBase.Search;

/// <summary>
/// Matched words in titles and snippets are marked with two private-use characters rather than HTML:
/// the text stays plain text, is encoded whole for display, and only then do the markers become
/// <c>&lt;mark&gt;</c>. A record whose own text holds <c>&lt;mark&gt;</c> or <c>&lt;script&gt;</c> is
/// therefore shown as the text it is.
/// </summary>
public static class SearchHighlight
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static readonly string OpenText = Open.ToString();
    public static readonly string CloseText = Close.ToString();

    /// <summary>
    /// The text cut into runs, each marked or not. Markers out of place (a close without an open, an
    /// open inside a mark, one left open) never produce an unbalanced run; empty runs are dropped.
    /// </summary>
    public static IReadOnlyList<(string Text, bool IsMatch)> Runs(string? marked)
    {
        var runs = new List<(string, bool)>();
        if (string.IsNullOrEmpty(marked)) return runs;
        var current = new StringBuilder();
        var inMark = false;
        foreach (var c in marked)
        {
            if (c is Open or Close)
            {
                var opens = c == Open;
                if (opens == inMark) continue;
                if (current.Length > 0) runs.Add((current.ToString(), inMark));
                current.Clear();
                inMark = opens;
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) runs.Add((current.ToString(), inMark));
        return runs;
    }

    /// <summary>The text without markers.</summary>
    public static string Plain(string? marked) =>
        string.IsNullOrEmpty(marked) ? "" : marked.Replace(OpenText, "", StringComparison.Ordinal).Replace(CloseText, "", StringComparison.Ordinal);

    /// <summary>Whether any word is marked.</summary>
    public static bool HasMatch(string? marked) => marked?.Contains(Open, StringComparison.Ordinal) == true;
}
