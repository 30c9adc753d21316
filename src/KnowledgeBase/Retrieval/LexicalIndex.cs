using System.Runtime.InteropServices;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// BM25 over every study and trial, held compactly in memory: the posting lists of all stems one after another in
/// two flat arrays (rows and term counts, each stem's rows ascending) with each stem's start, and one length per row.
/// Rows are the caller's (0..Count-1); a row with no text is never found. Immutable once built; see <see cref="LexicalIndexBuilder"/>.
/// </summary>
public sealed class LexicalIndex
{
    private readonly Dictionary<string, int> termIds;
    private readonly int[] starts;
    private readonly int[] rows;
    private readonly byte[] counts;
    private readonly float[] lengthNorm;

    internal LexicalIndex(Dictionary<string, int> termIds, int[] starts, int[] rows, byte[] counts, int[] lengths, Bm25Parameters parameters)
    {
        this.termIds = termIds;
        this.starts = starts;
        this.rows = rows;
        this.counts = counts;
        Parameters = parameters;
        Count = lengths.Length;
        var withText = lengths.Count(l => l > 0);
        var average = withText == 0 ? 1 : lengths.Where(l => l > 0).Average();
        lengthNorm = lengths.Select(l => (float)(parameters.K1 * (1 - parameters.B + (parameters.B * l / average)))).ToArray();
        Documents = withText;
    }

    public int Count { get; }

    /// <summary>Rows with any text.</summary>
    public int Documents { get; }

    public Bm25Parameters Parameters { get; }

    /// <summary>Inverse document frequency of a stem (BM25's, never negative); 0 for a stem no record has.</summary>
    public double Idf(string stem)
    {
        if (!termIds.TryGetValue(stem, out var id)) return 0;
        var df = starts[id + 1] - starts[id];
        return Math.Log(1 + ((Documents - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Whether row <paramref name="row"/> contains <paramref name="stem"/>.</summary>
    public bool Contains(int row, string stem) =>
        termIds.TryGetValue(stem, out var id) && PostingRows(id).BinarySearch(row) >= 0;

    /// <summary>
    /// The BM25 score of every row for the weighted query stems (a stem's weight multiplies its IDF; a stem given
    /// twice counts twice), in <paramref name="scores"/> (length <see cref="Count"/>, cleared first).
    /// </summary>
    public void Score(IReadOnlyDictionary<string, double> query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (scores.Length != Count) throw new ArgumentException($"scores must hold {Count} rows", nameof(scores));
        scores.Clear();
        var k1Plus1 = (float)(Parameters.K1 + 1);
        foreach (var (stem, weight) in query)
        {
            if (!termIds.TryGetValue(stem, out var id)) continue;
            var idf = (float)(Idf(stem) * weight);
            var postingRows = PostingRows(id);
            var postingCounts = counts.AsSpan(starts[id], postingRows.Length);
            for (var i = 0; i < postingRows.Length; i++)
            {
                var row = postingRows[i];
                float tf = postingCounts[i];
                scores[row] += idf * tf * k1Plus1 / (tf + lengthNorm[row]);
            }
        }
    }

    /// <summary>Approximate managed size, for the memory figures.</summary>
    public long EstimatedBytes() =>
        (rows.LongLength * 5) + (starts.LongLength * 4) + termIds.Sum(t => 48L + (t.Key.Length * 2)) + (lengthNorm.Length * 4L);

    private ReadOnlySpan<int> PostingRows(int id) => rows.AsSpan(starts[id], starts[id + 1] - starts[id]);
}

/// <summary>k1 and b of BM25 (Lucene's defaults 1.2 and 0.75 were best on the SciFact train claims, within 0.003 of 0.9/0.4).</summary>
public sealed record Bm25Parameters(double K1 = 1.2, double B = 0.75);

/// <summary>
/// Collects the rows' texts into a <see cref="LexicalIndex"/>; add rows in increasing order. Each row's stems and
/// counts are appended to two flat arrays as it is added (no list per stem), and turned stem by stem at the end.
/// </summary>
public sealed class LexicalIndexBuilder(Bm25Parameters? parameters = null)
{
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<int> lengths = [];
    private readonly List<int> rowEnds = [];
    private readonly Dictionary<int, int> perRow = [];
    private int[] postingTerms = new int[4096];
    private byte[] postingCounts = new byte[4096];
    private int postings;

    /// <summary>Adds the next row; <paramref name="title"/> counts <paramref name="titleWeight"/> times.</summary>
    public int Add(string? title, string? text, int titleWeight = 1)
    {
        var row = lengths.Count;
        perRow.Clear();
        var length = 0;
        for (var w = 0; w < titleWeight; w++) length += Count(Terms.Of(title));
        length += Count(Terms.Of(text));
        if (postings + perRow.Count > postingTerms.Length)
        {
            var size = Math.Max(postingTerms.Length * 2, postings + perRow.Count);
            Array.Resize(ref postingTerms, size);
            Array.Resize(ref postingCounts, size);
        }

        foreach (var (id, n) in perRow)
        {
            postingTerms[postings] = id;
            postingCounts[postings] = (byte)Math.Min(n, byte.MaxValue);
            postings++;
        }

        lengths.Add(length);
        rowEnds.Add(postings);
        return row;
    }

    private int Count(List<Term> terms)
    {
        foreach (var term in terms)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(termIds, term.Stem, out var exists);
            if (!exists) id = termIds.Count - 1;
            perRow[id] = perRow.GetValueOrDefault(id) + 1;
        }

        return terms.Count;
    }

    public LexicalIndex Build()
    {
        // Postings were appended row by row; spread them stem by stem, keeping the rows in order within each stem.
        var starts = new int[termIds.Count + 1];
        for (var i = 0; i < postings; i++) starts[postingTerms[i] + 1]++;
        for (var t = 0; t < termIds.Count; t++) starts[t + 1] += starts[t];
        var next = starts[..^1];
        var rows = new int[postings];
        var counts = new byte[postings];
        var at = 0;
        for (var row = 0; row < lengths.Count; row++)
        {
            var end = rowEnds[row];
            for (; at < end; at++)
            {
                var slot = next[postingTerms[at]]++;
                rows[slot] = row;
                counts[slot] = postingCounts[at];
            }
        }

        return new(termIds, starts, rows, counts, [.. lengths], parameters ?? new Bm25Parameters());
    }
}
