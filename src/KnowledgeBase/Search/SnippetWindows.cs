namespace KnowledgeBase.Search;

/// <summary>A stretch of a text a snippet may be cut from: <see cref="Length"/> characters from <see cref="Start"/>.</summary>
public readonly record struct TextWindow(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Cuts a record's text into short overlapping windows, so that marking matched words and choosing a
/// snippet costs the same for every window, however long the text or however often a word occurs in it.
/// The database's own snippet functions compare every match with every other (FTS5 <c>snippet()</c>
/// is quadratic in the matches of a row): on one article of 100,000 matching lines a single search
/// took 37 CPU-seconds. Windows are read in order and the search stops at the first batch holding a
/// match, and never reads past <see cref="ScanChars"/>, so the work per hit is bounded and linear in
/// the text it reads. See docs/decisions/0018-hostile-and-large-input.md.
/// </summary>
public static class SnippetWindows
{
    /// <summary>Characters per window: a snippet (24 to 48 words) fits in one with room on both sides.</summary>
    public const int Size = 1000;

    /// <summary>How far each window starts after the previous one; the overlap keeps any short passage whole in some window.</summary>
    public const int Step = 700;

    /// <summary>How much of one text is searched for a snippet (PostgreSQL indexes as much of each text).</summary>
    public const int ScanChars = 300_000;

    /// <summary>How many windows are marked in one round trip.</summary>
    public const int BatchSize = 16;

    /// <summary>
    /// The windows of <paramref name="text"/> up to <paramref name="scanChars"/> characters, in order. Cuts fall
    /// on white space where there is some near the cut, never inside a surrogate pair; every character up to the
    /// limit is in at least one window. Lazy: a caller that stops early reads no further.
    /// </summary>
    public static IEnumerable<TextWindow> Split(string text, int scanChars = ScanChars, int size = Size, int step = Step)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, size);
        var limit = Math.Min(text.Length, Math.Max(0, scanChars));
        var start = 0;
        while (start < limit)
        {
            var end = Math.Min(start + size, limit);
            if (end < limit) end = CutBefore(text, start + size / 2, end);
            yield return new TextWindow(start, end - start);
            if (end >= limit) yield break;
            var next = Math.Min(start + step, end);
            start = Math.Max(start + 1, CutAfter(text, next, end));
        }
    }

    /// <summary>
    /// The first <paramref name="words"/> words of <paramref name="text"/> (within <see cref="Size"/> characters),
    /// with "…" when it goes on: what a hit shows when no window holds a matched word.
    /// </summary>
    public static string Lead(string? text, int words)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var limit = Math.Min(text.Length, Size);
        var seen = 0;
        var inWord = false;
        for (var i = 0; i < limit; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            if (!space && !inWord && ++seen > words) return text[..CutBefore(text, 0, i)].TrimEnd() + "…";
            inWord = !space;
        }
        return limit < text.Length ? text[..CutBefore(text, 0, limit)].TrimEnd() + "…" : text.Trim();
    }

    /// <summary>
    /// The text of <paramref name="window"/>'s snippet as a hit shows it: "…" added where the window starts
    /// after the text's start or ends before its end and the snippet does not say so already.
    /// </summary>
    public static string Framed(string snippet, TextWindow window, int textLength)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var framed = snippet.Trim();
        if (window.Start > 0 && !framed.StartsWith('…')) framed = "…" + framed;
        if (window.End < textLength && !framed.EndsWith('…')) framed += "…";
        return framed;
    }

    /// <summary>The last white space at or before <paramref name="end"/> but after <paramref name="floor"/>; else <paramref name="end"/> (moved off a surrogate pair).</summary>
    private static int CutBefore(string text, int floor, int end)
    {
        for (var i = end; i > floor; i--)
        {
            if (char.IsWhiteSpace(text[i - 1])) return i;
        }
        return end < text.Length && end > 0 && char.IsLowSurrogate(text[end]) ? end - 1 : end;
    }

    /// <summary>The first position after white space at or after <paramref name="from"/> and before <paramref name="ceiling"/>; else <paramref name="from"/>.</summary>
    private static int CutAfter(string text, int from, int ceiling)
    {
        for (var i = from; i < ceiling; i++)
        {
            if (i > 0 && char.IsWhiteSpace(text[i - 1])) return i;
        }
        return from < text.Length && from > 0 && char.IsLowSurrogate(text[from]) ? from + 1 : from;
    }
}
