using System.Numerics;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// One unit-length embedding per row, held as signed bytes with a scale per row (a quarter of the floats'
/// size; cosine similarity changes by about 0.002, which does not reorder a ranking measurably). A row
/// without an embedding (not yet computed) has scale 0 and similarity <see cref="float.NaN"/>.
/// <para>
/// A large library can keep those bytes in a file instead (<see cref="WithFile"/>, decision 0040): memory then holds
/// each row's signs (one bit a dimension, a thirty-second of the floats' size) and its scale, <see cref="Similarities"/>
/// gives every row the similarity its signs estimate (the cosine of the angle the sign disagreements measure), and
/// <see cref="Refine"/> reads the bytes of the rows the ranking is about to use from the file and gives them their
/// int8 similarity. The file is read through the operating system's cache, like the database's own pages.
/// </para>
/// </summary>
public sealed class VectorIndex
{
    private readonly sbyte[]? values;
    private readonly float[] scales;
    private readonly ExactVectorFile? file;
    private readonly int[]? slots;
    private readonly ulong[]? signs;
    private readonly int words;

    public VectorIndex(int count, int dimensions)
        : this(count, dimensions, null)
    {
    }

    private VectorIndex(int count, int dimensions, ExactVectorFile? file)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Count = count;
        Dimensions = dimensions;
        scales = new float[count];
        words = (dimensions + 63) / 64;
        this.file = file;
        if (file is null)
        {
            values = new sbyte[(long)count * dimensions];
        }
        else
        {
            slots = new int[count];
            signs = new ulong[(long)count * words];
        }
    }

    private VectorIndex(VectorIndex from)
    {
        Count = from.Count;
        Dimensions = from.Dimensions;
        Filled = from.Filled;
        words = from.words;
        file = from.file;
        values = (sbyte[]?)from.values?.Clone();
        scales = (float[])from.scales.Clone();
        slots = (int[]?)from.slots?.Clone();
        signs = (ulong[]?)from.signs?.Clone();
    }

    /// <summary>
    /// An index whose int8 bytes go to a new file in <paramref name="folder"/> (deleted when the index and its copies are
    /// gone; left-overs of a process that died are removed by the next index made there).
    /// </summary>
    public static VectorIndex WithFile(int count, int dimensions, string folder) =>
        new(count, dimensions, ExactVectorFile.Create(folder, dimensions));

    public int Count { get; }
    public int Dimensions { get; }

    /// <summary>Rows with an embedding.</summary>
    public int Filled { get; private set; }

    /// <summary>Whether <see cref="Similarities"/> estimates from signs, to be made exact row by row with <see cref="Refine"/>.</summary>
    public bool IsApproximate => file is not null;

    /// <summary>An independent copy (a few tens of MB at 70,000 records, a few with a file), to change while this one is read.</summary>
    public VectorIndex Copy() => new(this);

    public bool Has(int row) => scales[row] > 0;

    /// <summary>Stores row <paramref name="row"/>'s vector (normalised to unit length first).</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {vector.Length}", nameof(vector));
        var norm = MathF.Sqrt(Dot(vector, vector));
        var max = 0f;
        foreach (var v in vector) max = MathF.Max(max, MathF.Abs(v));
        if (norm == 0 || max == 0) return;
        if (!Has(row)) Filled++;
        var scale = max / norm / 127f;
        if (file is null)
        {
            Quantise(vector, norm, scale, values.AsSpan(row * Dimensions, Dimensions));
        }
        else
        {
            var bytes = new sbyte[Dimensions];
            Quantise(vector, norm, scale, bytes);
            slots![row] = file.Append(bytes);
            var bits = signs.AsSpan(row * words, words);
            bits.Clear();
            for (var i = 0; i < Dimensions; i++)
            {
                if (vector[i] > 0) bits[i / 64] |= 1UL << (i % 64);
            }
        }
        scales[row] = scale;
    }

    private static void Quantise(ReadOnlySpan<float> vector, float norm, float scale, Span<sbyte> target)
    {
        for (var i = 0; i < target.Length; i++) target[i] = (sbyte)Math.Round(vector[i] / norm / scale);
    }

    /// <summary>
    /// The cosine similarity of <paramref name="query"/> with every row, in <paramref name="similarities"/>
    /// (<see cref="float.NaN"/> for rows without an embedding); estimated from the signs when <see cref="IsApproximate"/>.
    /// </summary>
    public void Similarities(ReadOnlySpan<float> query, Span<float> similarities)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {query.Length}", nameof(query));
        if (similarities.Length != Count) throw new ArgumentException($"similarities must hold {Count} rows", nameof(similarities));
        if (QueryShorts(query) is not var (q, queryScale))
        {
            similarities.Fill(float.NaN);
            return;
        }

        if (file is null)
        {
            for (var row = 0; row < Count; row++)
            {
                similarities[row] = scales[row] > 0
                    ? IntegerDot(values.AsSpan(row * Dimensions, Dimensions), q) * scales[row] * queryScale
                    : float.NaN;
            }
            return;
        }

        // Each dimension whose sign differs adds pi/d to the estimated angle between the two vectors.
        Span<ulong> querySigns = stackalloc ulong[words];
        querySigns.Clear();
        for (var i = 0; i < Dimensions; i++)
        {
            if (query[i] > 0) querySigns[i / 64] |= 1UL << (i % 64);
        }
        Span<float> cosines = stackalloc float[Dimensions + 1];
        for (var h = 0; h <= Dimensions; h++) cosines[h] = MathF.Cos(MathF.PI * h / Dimensions);
        var all = signs.AsSpan();
        for (var row = 0; row < Count; row++)
        {
            if (scales[row] <= 0)
            {
                similarities[row] = float.NaN;
                continue;
            }
            var bits = all.Slice(row * words, words);
            var differ = 0;
            for (var w = 0; w < words; w++) differ += BitOperations.PopCount(bits[w] ^ querySigns[w]);
            similarities[row] = cosines[differ];
        }
    }

    /// <summary>
    /// Replaces the estimates of <paramref name="rows"/> in <paramref name="similarities"/> (as <see cref="Similarities"/>
    /// filled it) by their int8 similarity, read from the file; nothing to do when the index is not approximate.
    /// </summary>
    public void Refine(ReadOnlySpan<float> query, IReadOnlyCollection<int> rows, Span<float> similarities)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (file is null || QueryShorts(query) is not var (q, queryScale)) return;
        var bytes = new sbyte[Dimensions];
        foreach (var row in rows.Where(r => scales[r] > 0).Order())
        {
            file.Read(slots![row], bytes);
            similarities[row] = IntegerDot(bytes, q) * scales[row] * queryScale;
        }
    }

    /// <summary>The query normalised and quantised to shorts (finer than the rows), so the inner loop is integer multiply-adds.</summary>
    private (short[] Values, float Scale)? QueryShorts(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {query.Length}", nameof(query));
        var norm = MathF.Sqrt(Dot(query, query));
        var max = 0f;
        foreach (var v in query) max = MathF.Max(max, MathF.Abs(v));
        if (norm == 0 || max == 0) return null;
        var queryScale = max / norm / 16383f;
        var q = new short[Dimensions];
        for (var i = 0; i < Dimensions; i++) q[i] = (short)Math.Round(query[i] / norm / queryScale);
        return (q, queryScale);
    }

    /// <summary>Managed bytes held (the file's are not).</summary>
    public long EstimatedBytes() => (values?.LongLength ?? 0) + (scales.LongLength * 4) + ((slots?.LongLength ?? 0) * 4) + ((signs?.LongLength ?? 0) * 8);

    private static long IntegerDot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        long total = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            var width = Vector<sbyte>.Count;
            var half = Vector<short>.Count;
            for (; i <= row.Length - width; i += width)
            {
                Vector.Widen(new Vector<sbyte>(row.Slice(i, width)), out var low, out var high);
                var q1 = new Vector<short>(query.Slice(i, half));
                var q2 = new Vector<short>(query.Slice(i + half, half));
                Vector.Widen(low, out var l1, out var l2);
                Vector.Widen(q1, out var m1, out var m2);
                Vector.Widen(high, out var h1, out var h2);
                Vector.Widen(q2, out var n1, out var n2);
                acc += (l1 * m1) + (l2 * m2) + (h1 * n1) + (h2 * n2);
            }

            total = Vector.Sum(acc);
        }

        for (; i < row.Length; i++) total += row[i] * query[i];
        return total;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
