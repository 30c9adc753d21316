using System.Runtime.InteropServices;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// BM25 over every study and trial, held compactly in memory: the posting lists of all stems one after another in
/// one byte array, each posting the gap from the stem's previous row (a variable-length number: one byte for most)
/// and the term count (a byte), with each stem's start and number of rows; every <see cref="SkipEvery"/>th posting
/// of a long list is also noted (row and position) so that <see cref="Contains"/> reads a few postings, not the list.
/// Rows are the caller's (0..Count-1); a row with no text is never found. Immutable once built; see <see cref="LexicalIndexBuilder"/>.
/// </summary>
public sealed class LexicalIndex
{
    internal const int SkipEvery = 64;

    private readonly Dictionary<string, int> termIds;
    private readonly int[] starts;
    private readonly int[] documentFrequencies;
    private readonly byte[] postings;
    private readonly int[] skipStarts;
    private readonly int[] skipRows;
    private readonly int[] skipPositions;
    private readonly float[] lengthNorm;

    internal LexicalIndex(Dictionary<string, int> termIds, int[] termStarts, int[] rows, byte[] counts, int[] lengths, Bm25Parameters parameters)
    {
        this.termIds = termIds;
        Parameters = parameters;
        Count = lengths.Length;
        var withText = lengths.Count(l => l > 0);
        var average = withText == 0 ? 1 : lengths.Where(l => l > 0).Average();
        lengthNorm = lengths.Select(l => (float)(parameters.K1 * (1 - parameters.B + (parameters.B * l / average)))).ToArray();
        Documents = withText;

        var terms = termStarts.Length - 1;
        documentFrequencies = new int[terms];
        starts = new int[terms + 1];
        skipStarts = new int[terms + 1];
        long size = 0;
        var skips = 0;
        for (var t = 0; t < terms; t++)
        {
            var previous = -1;
            for (var i = termStarts[t]; i < termStarts[t + 1]; i++)
            {
                size += VarIntLength(rows[i] - previous) + 1;
                previous = rows[i];
            }

            documentFrequencies[t] = termStarts[t + 1] - termStarts[t];
            skips += documentFrequencies[t] / SkipEvery;
        }

        if (size > int.MaxValue) throw new InvalidOperationException("the lexical index outgrew one array");
        postings = new byte[size];
        skipRows = new int[skips];
        skipPositions = new int[skips];
        var at = 0;
        var skip = 0;
        for (var t = 0; t < terms; t++)
        {
            starts[t] = at;
            skipStarts[t] = skip;
            var previous = -1;
            for (var i = termStarts[t]; i < termStarts[t + 1]; i++)
            {
                var gap = (uint)(rows[i] - previous);
                while (gap >= 0x80)
                {
                    postings[at++] = (byte)(gap | 0x80);
                    gap >>= 7;
                }

                postings[at++] = (byte)gap;
                postings[at++] = counts[i];
                previous = rows[i];
                if ((i - termStarts[t] + 1) % SkipEvery == 0)
                {
                    // After the posting: its row and where the next one starts.
                    skipRows[skip] = previous;
                    skipPositions[skip] = at;
                    skip++;
                }
            }
        }

        starts[terms] = at;
        skipStarts[terms] = skip;
    }

    public int Count { get; }

    /// <summary>Rows with any text.</summary>
    public int Documents { get; }

    public Bm25Parameters Parameters { get; }

    /// <summary>Inverse document frequency of a stem (BM25's, never negative); 0 for a stem no record has.</summary>
    public double Idf(string stem)
    {
        if (!termIds.TryGetValue(stem, out var id)) return 0;
        var df = documentFrequencies[id];
        return Math.Log(1 + ((Documents - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Whether row <paramref name="row"/> contains <paramref name="stem"/>.</summary>
    public bool Contains(int row, string stem)
    {
        if (!termIds.TryGetValue(stem, out var id)) return false;
        var at = starts[id];
        var previous = -1;
        var left = documentFrequencies[id];

        // Start after the last noted posting at or before the row.
        var skips = skipRows.AsSpan(skipStarts[id], skipStarts[id + 1] - skipStarts[id]);
        var found = skips.BinarySearch(row);
        if (found >= 0) return true;
        var before = ~found - 1;
        if (before >= 0)
        {
            previous = skips[before];
            at = skipPositions[skipStarts[id] + before];
            left -= (before + 1) * SkipEvery;
        }

        for (; left > 0; left--)
        {
            previous += ReadVarInt(ref at);
            at++;
            if (previous >= row) return previous == row;
        }

        return false;
    }

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
            var at = starts[id];
            var end = starts[id + 1];
            var row = -1;
            while (at < end)
            {
                row += ReadVarInt(ref at);
                float tf = postings[at++];
                scores[row] += idf * tf * k1Plus1 / (tf + lengthNorm[row]);
            }
        }
    }

    /// <summary>Approximate managed size, for the memory figures.</summary>
    public long EstimatedBytes() =>
        postings.LongLength + (starts.LongLength * 4) + (documentFrequencies.LongLength * 4) + (skipStarts.LongLength * 4)
        + (skipRows.LongLength * 8) + termIds.Sum(t => 48L + (t.Key.Length * 2)) + (lengthNorm.Length * 4L);

    private int ReadVarInt(ref int at)
    {
        var b = postings[at++];
        if (b < 0x80) return b;
        var value = b & 0x7F;
        var shift = 7;
        do
        {
            b = postings[at++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }

    private static int VarIntLength(int value)
    {
        var length = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7) length++;
        return length;
    }
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
    private bool built;

    /// <summary>Adds the next row; <paramref name="title"/> counts <paramref name="titleWeight"/> times.</summary>
    public int Add(string? title, string? text, int titleWeight = 1)
    {
        if (built) throw new InvalidOperationException("this builder has already built its index");
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

    /// <summary>The index; the builder's row-by-row postings are let go while it is made (call once).</summary>
    public LexicalIndex Build()
    {
        if (built) throw new InvalidOperationException("this builder has already built its index");
        built = true;
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

        postingTerms = [];
        postingCounts = [];
        return new(termIds, starts, rows, counts, [.. lengths], parameters ?? new Bm25Parameters());
    }
}
