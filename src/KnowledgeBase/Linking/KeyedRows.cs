using System.Buffers;
using System.Text;

namespace KnowledgeBase.Linking;

/// <summary>
/// Rows by string key, held flat: the distinct keys as UTF-8 in one buffer, sorted by their bytes, and each key's
/// rows (ascending, each once) in one array, found by binary search. At 70,000 records with about three
/// identifiers and a dozen name words each, a dictionary of strings to row lists took some 20 MB; this takes a
/// fifth of that. Immutable; see <see cref="KeyedRowsBuilder"/>.
/// </summary>
public sealed class KeyedRows
{
    private readonly byte[] keyBytes;
    private readonly int[] keyStarts;
    private readonly int[] rowStarts;
    private readonly int[] rows;

    internal KeyedRows(byte[] keyBytes, int[] keyStarts, int[] rowStarts, int[] rows)
    {
        this.keyBytes = keyBytes;
        this.keyStarts = keyStarts;
        this.rowStarts = rowStarts;
        this.rows = rows;
    }

    /// <summary>How many distinct keys.</summary>
    public int Count => keyStarts.Length - 1;

    /// <summary>The rows holding <paramref name="key"/>, ascending; empty when none does.</summary>
    public ReadOnlySpan<int> Rows(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            var index = Find(buffer[..written]);
            return index < 0 ? [] : rows.AsSpan(rowStarts[index], rowStarts[index + 1] - rowStarts[index]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The first (lowest) row holding <paramref name="key"/>, if any.</summary>
    public int? FirstRow(string key)
    {
        var found = Rows(key);
        return found.IsEmpty ? null : found[0];
    }

    /// <summary>Approximate managed size, for the memory figures.</summary>
    public long EstimatedBytes() => keyBytes.LongLength + (keyStarts.LongLength * 4) + (rowStarts.LongLength * 4) + (rows.LongLength * 4);

    private int Find(ReadOnlySpan<byte> key)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var c = KeyAt(middle).SequenceCompareTo(key);
            if (c == 0) return middle;
            if (c < 0) low = middle + 1;
            else high = middle - 1;
        }

        return -1;
    }

    private ReadOnlySpan<byte> KeyAt(int index) => keyBytes.AsSpan(keyStarts[index], keyStarts[index + 1] - keyStarts[index]);
}

/// <summary>Collects (key, row) pairs (UTF-8 in one growing buffer, no string kept) into a <see cref="KeyedRows"/>.</summary>
public sealed class KeyedRowsBuilder
{
    private byte[] bytes = new byte[4096];
    private int used;
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] pairRows = new int[256];
    private int count;

    /// <summary>How many pairs were added.</summary>
    public int Pairs => count;

    public void Add(string key, int row)
    {
        ArgumentNullException.ThrowIfNull(key);
        var needed = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (used + needed > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + needed));
        if (count == starts.Length)
        {
            Array.Resize(ref starts, count * 2);
            Array.Resize(ref lengths, count * 2);
            Array.Resize(ref pairRows, count * 2);
        }

        var written = Encoding.UTF8.GetBytes(key, bytes.AsSpan(used));
        starts[count] = used;
        lengths[count] = written;
        pairRows[count] = row;
        used += written;
        count++;
    }

    /// <summary>
    /// The keys with their rows (a pair added twice counts once); a key for which <paramref name="keep"/> (given the
    /// key and its number of rows) says no is left out. <paramref name="seen"/>, when given, sees every key first.
    /// </summary>
    public KeyedRows Build(Func<string, int, bool>? keep = null, Action<string, int>? seen = null)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        var keys = bytes;
        var keyStartsOf = starts;
        var keyLengths = lengths;
        var rowsOf = pairRows;
        Array.Sort(order, (a, b) =>
        {
            var c = keys.AsSpan(keyStartsOf[a], keyLengths[a]).SequenceCompareTo(keys.AsSpan(keyStartsOf[b], keyLengths[b]));
            return c != 0 ? c : rowsOf[a].CompareTo(rowsOf[b]);
        });

        var outBytes = new List<byte>();
        var outKeyStarts = new List<int> { 0 };
        var outRowStarts = new List<int> { 0 };
        var outRows = new List<int>();
        var i2 = 0;
        while (i2 < count)
        {
            var first = order[i2];
            var key = keys.AsSpan(keyStartsOf[first], keyLengths[first]);
            var end = i2;
            var distinctRows = 0;
            var lastRow = -1;
            var firstPair = true;
            while (end < count && keys.AsSpan(keyStartsOf[order[end]], keyLengths[order[end]]).SequenceEqual(key))
            {
                if (firstPair || rowsOf[order[end]] != lastRow) distinctRows++;
                lastRow = rowsOf[order[end]];
                firstPair = false;
                end++;
            }

            var text = Encoding.UTF8.GetString(key);
            seen?.Invoke(text, distinctRows);
            if (keep is null || keep(text, distinctRows))
            {
                foreach (var b in key) outBytes.Add(b);
                outKeyStarts.Add(outBytes.Count);
                var previous = -1;
                var any = false;
                for (var k = i2; k < end; k++)
                {
                    var row = rowsOf[order[k]];
                    if (any && row == previous) continue;
                    outRows.Add(row);
                    previous = row;
                    any = true;
                }

                outRowStarts.Add(outRows.Count);
            }

            i2 = end;
        }

        return new KeyedRows([.. outBytes], [.. outKeyStarts], [.. outRowStarts], [.. outRows]);
    }
}
