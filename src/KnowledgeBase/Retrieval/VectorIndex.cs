using System.Numerics;

namespace KnowledgeBase.Retrieval;

/// <summary>
/// One unit-length embedding per row, held as signed bytes with a scale per row (a quarter of the floats'
/// size; cosine similarity changes by about 0.002, which does not reorder a ranking measurably). A row
/// without an embedding (not yet computed) has scale 0 and similarity <see cref="float.NaN"/>.
/// </summary>
public sealed class VectorIndex
{
    private readonly sbyte[] values;
    private readonly float[] scales;

    public VectorIndex(int count, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Count = count;
        Dimensions = dimensions;
        values = new sbyte[(long)count * dimensions];
        scales = new float[count];
    }

    private VectorIndex(VectorIndex from)
    {
        Count = from.Count;
        Dimensions = from.Dimensions;
        Filled = from.Filled;
        values = (sbyte[])from.values.Clone();
        scales = (float[])from.scales.Clone();
    }

    public int Count { get; }
    public int Dimensions { get; }

    /// <summary>Rows with an embedding.</summary>
    public int Filled { get; private set; }

    /// <summary>An independent copy (a few tens of MB at 70,000 records), to change while this one is read.</summary>
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
        var target = values.AsSpan(row * Dimensions, Dimensions);
        for (var i = 0; i < Dimensions; i++) target[i] = (sbyte)Math.Round(vector[i] / norm / scale);
        scales[row] = scale;
    }

    /// <summary>
    /// The cosine similarity of <paramref name="query"/> with every row, in <paramref name="similarities"/>
    /// (<see cref="float.NaN"/> for rows without an embedding).
    /// </summary>
    public void Similarities(ReadOnlySpan<float> query, Span<float> similarities)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"expected {Dimensions} dimensions, got {query.Length}", nameof(query));
        if (similarities.Length != Count) throw new ArgumentException($"similarities must hold {Count} rows", nameof(similarities));
        var norm = MathF.Sqrt(Dot(query, query));
        var max = 0f;
        foreach (var v in query) max = MathF.Max(max, MathF.Abs(v));
        if (norm == 0 || max == 0)
        {
            similarities.Fill(float.NaN);
            return;
        }

        // The query quantised too (to shorts, finer than the rows), so the inner loop is integer multiply-adds.
        var queryScale = max / norm / 16383f;
        var q = new short[Dimensions];
        for (var i = 0; i < Dimensions; i++) q[i] = (short)Math.Round(query[i] / norm / queryScale);
        for (var row = 0; row < Count; row++)
        {
            similarities[row] = scales[row] > 0
                ? IntegerDot(values.AsSpan(row * Dimensions, Dimensions), q) * scales[row] * queryScale
                : float.NaN;
        }
    }

    public long EstimatedBytes() => values.LongLength + (scales.LongLength * 4);

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
