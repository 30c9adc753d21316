using System.Runtime.InteropServices;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// BM25 over every study and trial, held compactly in memory: one sorted posting list of rows and term
/// counts per stem, and one length per row. Rows are the caller's (0..Count-1); a row with no text is
/// never found. Immutable once built; see <see cref="LexicalIndexBuilder"/>.
/// </summary>
public sealed class LexicalIndex
{
    private readonly Dictionary<string, int> termIds;
    private readonly int[][] rows;
    private readonly byte[][] counts;
    private readonly float[] lengthNorm;

    internal LexicalIndex(Dictionary<string, int> termIds, int[][] rows, byte[][] counts, int[] lengths, Bm25Parameters parameters)
    {
        this.termIds = termIds;
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
        var df = rows[id].Length;
        return Math.Log(1 + ((Documents - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Whether row <paramref name="row"/> contains <paramref name="stem"/>.</summary>
    public bool Contains(int row, string stem) =>
        termIds.TryGetValue(stem, out var id) && Array.BinarySearch(rows[id], row) >= 0;

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
            var postingRows = rows[id];
            var postingCounts = counts[id];
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
        rows.Sum(r => (long)r.Length * 5 + 48) + (termIds.Count * 64L) + (lengthNorm.Length * 4L);

    internal static int TermId(Dictionary<string, int> ids, string stem)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, stem, out var exists);
        if (!exists) id = ids.Count - 1;
        return id;
    }
}

/// <summary>k1 and b of BM25 (Lucene's defaults 1.2 and 0.75 were best on the SciFact train claims, within 0.003 of 0.9/0.4).</summary>
public sealed record Bm25Parameters(double K1 = 1.2, double B = 0.75);

/// <summary>Collects the rows' texts into a <see cref="LexicalIndex"/>; add rows in increasing order.</summary>
public sealed class LexicalIndexBuilder(Bm25Parameters? parameters = null)
{
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<List<int>> rows = [];
    private readonly List<List<byte>> counts = [];
    private readonly List<int> lengths = [];
    private readonly Dictionary<int, int> perRow = [];

    /// <summary>Adds the next row; <paramref name="title"/> counts <paramref name="titleWeight"/> times.</summary>
    public int Add(string? title, string? text, int titleWeight = 1)
    {
        var row = lengths.Count;
        perRow.Clear();
        var length = 0;
        for (var w = 0; w < titleWeight; w++) length += Count(Terms.Of(title));
        length += Count(Terms.Of(text));
        foreach (var (id, n) in perRow.OrderBy(p => p.Key))
        {
            rows[id].Add(row);
            counts[id].Add((byte)Math.Min(n, byte.MaxValue));
        }

        lengths.Add(length);
        return row;
    }

    private int Count(List<Term> terms)
    {
        foreach (var term in terms)
        {
            var id = LexicalIndex.TermId(termIds, term.Stem);
            if (id == rows.Count)
            {
                rows.Add([]);
                counts.Add([]);
            }

            perRow[id] = perRow.GetValueOrDefault(id) + 1;
        }

        return terms.Count;
    }

    public LexicalIndex Build() => new(
        termIds,
        rows.Select(r => r.ToArray()).ToArray(),
        counts.Select(c => c.ToArray()).ToArray(),
        lengths.ToArray(),
        parameters ?? new Bm25Parameters());
}
