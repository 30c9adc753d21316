namespace KnowledgeBase.Web.Features.Sources;

/// <summary>A character range [Start, End) of a text to highlight, with the claim it belongs to.</summary>
public sealed record HighlightSpan(int Id, int Start, int End, string Kind);

/// <summary>
/// A run of text within one paragraph. <see cref="Spans"/> are the highlights covering all of it
/// (empty for plain text); <see cref="Primary"/> is the one the run links to when spans overlap;
/// <see cref="AnchorIds"/> are the spans that begin in this run (their in-page anchor goes here).
/// </summary>
public sealed record TextRun(string Text, int Start, IReadOnlyList<HighlightSpan> Spans, IReadOnlyList<int> AnchorIds)
{
    public bool IsHighlighted => Spans.Count > 0;

    public bool IsOverlap => Spans.Count > 1;

    /// <summary>The innermost span: the one that starts last (then ends first), so a claim nested in another stays reachable.</summary>
    public HighlightSpan? Primary => Spans.Count == 0
        ? null
        : Spans.OrderByDescending(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Id).First();
}

public sealed record TextParagraph(int Start, IReadOnlyList<TextRun> Runs);

/// <summary>
/// A text cut into paragraphs and runs so that highlights can be rendered as elements around encoded
/// text. Pure: spans outside the text or empty are not placed but returned in <see cref="Unplaced"/>;
/// overlapping and adjacent spans are cut at every boundary so no element has to nest or cross another.
/// </summary>
/// <remarks>
/// Every line is a paragraph: the imported articles are web scrapes, never hard-wrapped, so a line
/// break ends a paragraph or a heading. Blank lines only separate.
/// </remarks>
public sealed record HighlightedText(IReadOnlyList<TextParagraph> Paragraphs, IReadOnlyList<HighlightSpan> Unplaced, IReadOnlySet<int> PlacedIds)
{
    public static HighlightedText Build(string text, IEnumerable<HighlightSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Build(text, spans, 0, text.Length);
    }

    /// <summary>
    /// The part [<paramref name="from"/>, <paramref name="to"/>) of the text (a page of a long one). Spans that
    /// start outside it are neither placed nor unplaced here, unless they reach into it (then they are drawn).
    /// Linear in the part's lines and spans: spans are swept in order of their start, never searched per line.
    /// </summary>
    public static HighlightedText Build(string text, IEnumerable<HighlightSpan> spans, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, text.Length);

        var placed = new List<HighlightSpan>();
        var unplaced = new List<HighlightSpan>();
        foreach (var span in spans)
        {
            var valid = span.Start >= 0 && span.End <= text.Length && span.End > span.Start;
            if (!valid) unplaced.Add(span);
            else if (span.Start < to && span.End > from) placed.Add(span);
        }
        placed.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? a.End.CompareTo(b.End) : a.Id.CompareTo(b.Id));

        var anchored = new HashSet<int>();
        var paragraphs = new List<TextParagraph>();
        var active = new List<HighlightSpan>();
        var next = 0;
        foreach (var (start, end) in Lines(text, from, to))
        {
            active.RemoveAll(s => s.End <= start);
            for (; next < placed.Count && placed[next].Start < end; next++)
            {
                if (placed[next].End > start) active.Add(placed[next]);
            }
            var runs = Cut(text, start, end, active, anchored);
            if (runs.Count > 0) paragraphs.Add(new TextParagraph(start, runs));
        }

        // A span that covers only line breaks or blank space between paragraphs never got a run.
        unplaced.AddRange(placed.Where(s => s.Start >= from && !anchored.Contains(s.Id)));
        return new HighlightedText(paragraphs, unplaced, anchored);
    }

    /// <summary>
    /// A page given as its own text: <paramref name="pageText"/> is the characters from <paramref name="pageStart"/>
    /// of a text <paramref name="textLength"/> long. Spans, paragraphs and runs use offsets in the whole text,
    /// as <see cref="Build(string, IEnumerable{HighlightSpan}, int, int)"/> would give them.
    /// </summary>
    public static HighlightedText BuildPage(string pageText, int pageStart, int textLength, IEnumerable<HighlightSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(spans);
        var pageEnd = pageStart + pageText.Length;
        var invalid = new List<HighlightSpan>();
        var byId = new Dictionary<int, HighlightSpan>();
        var local = new List<HighlightSpan>();
        foreach (var span in spans)
        {
            if (!(span.Start >= 0 && span.End <= textLength && span.End > span.Start)) invalid.Add(span);
            else if (span.Start < pageEnd && span.End > pageStart)
            {
                byId[span.Id] = span;
                local.Add(span with { Start = Math.Max(span.Start, pageStart) - pageStart, End = Math.Min(span.End, pageEnd) - pageStart });
            }
        }
        var built = Build(pageText, local, 0, pageText.Length);
        var paragraphs = built.Paragraphs
            .Select(p => new TextParagraph(p.Start + pageStart, p.Runs.Select(r => r with { Start = r.Start + pageStart, Spans = r.Spans.Select(s => byId[s.Id]).ToList() }).ToList()))
            .ToList();
        var unplaced = invalid.Concat(built.Unplaced.Select(s => byId[s.Id]).Where(s => s.Start >= pageStart)).ToList();
        return new HighlightedText(paragraphs, unplaced, built.PlacedIds);
    }

    /// <summary>[start, end) of each non-blank line within [from, to), line break excluded (a line cut by a page end is cut there).</summary>
    private static IEnumerable<(int Start, int End)> Lines(string text, int from, int to)
    {
        var start = from;
        while (start <= to)
        {
            var end = text.IndexOfAny(['\n', '\r'], start, to - start);
            if (end < 0) end = to;
            if (!text.AsSpan(start, end - start).IsWhiteSpace()) yield return (start, end);
            if (end == to) yield break;
            start = end + 1;
        }
    }

    private static List<TextRun> Cut(string text, int from, int to, List<HighlightSpan> active, HashSet<int> anchored)
    {
        var inside = active.Where(s => s.Start < to && s.End > from).ToList();
        var cuts = new SortedSet<int> { from, to };
        foreach (var s in inside)
        {
            cuts.Add(Math.Max(s.Start, from));
            cuts.Add(Math.Min(s.End, to));
        }

        var runs = new List<TextRun>();
        var points = cuts.ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (start, end) = (points[i], points[i + 1]);
            var covering = inside.Where(s => s.Start <= start && s.End >= end).ToList();
            var anchors = new List<int>();
            foreach (var s in covering)
            {
                if (anchored.Add(s.Id)) anchors.Add(s.Id);
            }
            runs.Add(new TextRun(text[start..end], start, covering, anchors));
        }
        return runs;
    }
}
