using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>
/// Every <see cref="EvidenceCandidate"/> of a library packed into byte buffers (decision 0035): one record's fields
/// one after another, texts as UTF-8, and what many records share (journal, phase, names, the parts of the other
/// facts: design, cell type, route, status, sponsor) stored once in a pool, each record holding its number. A row
/// asked for is read back into a new <see cref="EvidenceCandidate"/>; ranking a claim reads a few hundred (the
/// citation pool and the rows shown). 70,000 candidate objects with their lists and UTF-16 strings took about
/// 110 MB of heap; packed they take about a fifth. Each read gives an equal-valued but new object. Immutable; see
/// <see cref="EvidenceRecordsBuilder"/>.
/// </summary>
public sealed class EvidenceRecords : IReadOnlyList<EvidenceCandidate>
{
    internal const int ChunkBits = 20;
    internal const int ChunkSize = 1 << ChunkBits;

    /// <summary>How <see cref="EvidenceCandidate.Text"/> and the participants detail join their parts; each part is pooled.</summary>
    internal const string PartSeparator = " | ";

    private readonly byte[][] chunks;
    private readonly int[] positions;
    private readonly int[] ids;
    private readonly EvidenceKind[] kinds;
    private readonly byte[] pool;
    private readonly int[] poolStarts;

    internal EvidenceRecords(byte[][] chunks, int[] positions, int[] ids, EvidenceKind[] kinds, byte[] pool, int[] poolStarts)
    {
        this.chunks = chunks;
        this.positions = positions;
        this.ids = ids;
        this.kinds = kinds;
        this.pool = pool;
        this.poolStarts = poolStarts;
    }

    /// <summary>Records built from a list (tests and tools).</summary>
    public static EvidenceRecords Of(IEnumerable<EvidenceCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var builder = new EvidenceRecordsBuilder();
        foreach (var c in candidates) builder.Add(c);
        return builder.Build();
    }

    public int Count => ids.Length;

    /// <summary>The record at <paramref name="row"/>, read into a new object.</summary>
    public EvidenceCandidate this[int row] => Read(row);

    public EvidenceKind KindOf(int row) => kinds[row];

    public int IdOf(int row) => ids[row];

    public IEnumerator<EvidenceCandidate> GetEnumerator()
    {
        for (var row = 0; row < Count; row++) yield return Read(row);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Approximate managed size, for the memory figures.</summary>
    public long EstimatedBytes() =>
        chunks.Sum(c => (long)c.Length + 24) + (positions.LongLength * 4) + (ids.LongLength * 4) + (kinds.LongLength * 4)
        + pool.LongLength + (poolStarts.LongLength * 4);

    private EvidenceCandidate Read(int row)
    {
        var packed = positions[row];
        var reader = new Reader(chunks[packed >>> ChunkBits], packed & (ChunkSize - 1), pool, poolStarts);
        var flags = (Flags)reader.Byte();
        int? year = flags.HasFlag(Flags.Year) ? reader.Int() : null;
        int? participants = flags.HasFlag(Flags.Participants) ? reader.Int() : null;
        TrialPhase? phase = flags.HasFlag(Flags.Phase) ? (TrialPhase)reader.Int() : null;
        StudyKind? publication = flags.HasFlag(Flags.Publication) ? (StudyKind)reader.Int() : null;
        var title = reader.String()!;
        var journal = reader.Pooled();
        var doi = reader.String();
        var pmid = reader.String();
        var phaseText = reader.Pooled();
        var detail = reader.Parts();
        var text = reader.Parts();
        var label = flags.HasFlag(Flags.LabelIsTitle) ? title
            : flags.HasFlag(Flags.LabelEndsWithTitle) ? reader.String() + " " + title
            : reader.String()!;
        var surnames = reader.Strings(pooled: true);
        var givenNames = reader.Strings(pooled: true);
        var ncts = reader.Strings(pooled: false);
        var aliases = reader.Strings(pooled: true);
        return new EvidenceCandidate
        {
            Kind = kinds[row],
            Id = ids[row],
            Title = title,
            AuthorSurnames = surnames,
            AuthorGivenNames = givenNames,
            Year = year,
            Journal = journal,
            Doi = doi,
            Pmid = pmid,
            NctIds = ncts,
            Phase = phase,
            PhaseText = phaseText,
            Participants = participants,
            ParticipantsDetail = detail,
            Aliases = aliases,
            Publication = publication,
            Ongoing = flags.HasFlag(Flags.Ongoing),
            Text = text,
            Label = label,
        };
    }

    [Flags]
    internal enum Flags : byte
    {
        None = 0,
        Year = 1,
        Participants = 2,
        Phase = 4,
        Publication = 8,
        Ongoing = 16,
        LabelIsTitle = 32,

        /// <summary>The label is a prefix, a space and the title (a trial's "NCT… title"): only the prefix is stored.</summary>
        LabelEndsWithTitle = 64,
    }

    private ref struct Reader(byte[] buffer, int position, byte[] pool, int[] poolStarts)
    {
        private int at = position;

        public byte Byte() => buffer[at++];

        public int Int()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at, 4));
            at += 4;
            return value;
        }

        public int VarInt() => Packing.ReadVarInt(buffer, ref at);

        public string? String() => Packing.ReadString(buffer, ref at);

        public string? Pooled()
        {
            var index = VarInt();
            if (index == 0) return null;
            var start = poolStarts[index - 1];
            return Packing.ReadString(pool, ref start);
        }

        /// <summary>A text stored as its pooled parts (0: null; otherwise the number of parts + 1).</summary>
        public string? Parts()
        {
            var n = VarInt();
            if (n == 0) return null;
            if (n == 2) return Pooled();
            var parts = new string[n - 1];
            for (var i = 0; i < parts.Length; i++) parts[i] = Pooled()!;
            return string.Join(PartSeparator, parts);
        }

        public string[] Strings(bool pooled)
        {
            var n = VarInt();
            if (n == 0) return [];
            var values = new string[n];
            for (var i = 0; i < n; i++) values[i] = (pooled ? Pooled() : String())!;
            return values;
        }
    }
}

/// <summary>The encoding of numbers and texts in <see cref="EvidenceRecords"/>.</summary>
internal static class Packing
{
    public static int ReadVarInt(byte[] buffer, ref int at)
    {
        var value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = buffer[at++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return value;
    }

    /// <summary>A header of 0 for null, otherwise (byte length + 1) * 2, plus 1 when the bytes are UTF-16 (a text UTF-8 cannot hold as it is); then the bytes.</summary>
    public static string? ReadString(byte[] buffer, ref int at)
    {
        var header = ReadVarInt(buffer, ref at);
        if (header == 0) return null;
        var length = (header >> 1) - 1;
        var bytes = buffer.AsSpan(at, length);
        at += length;
        return (header & 1) == 0 ? Encoding.UTF8.GetString(bytes) : new string(MemoryMarshal.Cast<byte, char>(bytes));
    }
}

/// <summary>A growing byte buffer written with <see cref="Packing"/>'s encoding.</summary>
internal sealed class PackedWriter
{
    private byte[] buffer = new byte[4096];
    private byte[] utf8 = new byte[1024];

    public int Length { get; set; }

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    public byte[] ToArray() => buffer[..Length];

    public void Byte(byte value)
    {
        Ensure(1);
        buffer[Length++] = value;
    }

    public void Int(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void VarInt(int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            Byte((byte)(v | 0x80));
            v >>= 7;
        }

        Byte((byte)v);
    }

    public void String(string? value)
    {
        if (value is null)
        {
            VarInt(0);
            return;
        }

        // UTF-8 when the text converts exactly (it always does unless it holds a lone surrogate), else its UTF-16 bytes.
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < most) utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        if (Utf8.FromUtf16(value, utf8, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            VarInt((written + 1) * 2);
            Bytes(utf8.AsSpan(0, written));
            return;
        }

        var raw = MemoryMarshal.AsBytes(value.AsSpan());
        VarInt(((raw.Length + 1) * 2) + 1);
        Bytes(raw);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (Length + more > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + more));
    }
}

/// <summary>Packs candidates one by one into an <see cref="EvidenceRecords"/>; nothing of a candidate is kept but its bytes.</summary>
public sealed class EvidenceRecordsBuilder
{
    private readonly List<byte[]> chunks = [];
    private byte[] current = new byte[EvidenceRecords.ChunkSize];
    private int used;
    private readonly List<int> positions = [];
    private readonly List<int> ids = [];
    private readonly List<EvidenceKind> kinds = [];
    private readonly PackedWriter record = new();
    private readonly PackedWriter pool = new();
    private readonly List<int> poolStarts = [];
    private readonly Dictionary<string, int> poolIndex = new(StringComparer.Ordinal);

    public int Count => ids.Count;

    /// <summary>Adds a record; returns its row.</summary>
    public int Add(EvidenceCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        record.Length = 0;
        var flags = EvidenceRecords.Flags.None;
        if (candidate.Year is not null) flags |= EvidenceRecords.Flags.Year;
        if (candidate.Participants is not null) flags |= EvidenceRecords.Flags.Participants;
        if (candidate.Phase is not null) flags |= EvidenceRecords.Flags.Phase;
        if (candidate.Publication is not null) flags |= EvidenceRecords.Flags.Publication;
        if (candidate.Ongoing) flags |= EvidenceRecords.Flags.Ongoing;
        var label = candidate.Label;
        if (string.Equals(label, candidate.Title, StringComparison.Ordinal)) flags |= EvidenceRecords.Flags.LabelIsTitle;
        else if (label is not null && label.Length > candidate.Title.Length && label.EndsWith(" " + candidate.Title, StringComparison.Ordinal))
        {
            flags |= EvidenceRecords.Flags.LabelEndsWithTitle;
            label = label[..^(candidate.Title.Length + 1)];
        }

        record.Byte((byte)flags);
        if (candidate.Year is { } year) record.Int(year);
        if (candidate.Participants is { } participants) record.Int(participants);
        if (candidate.Phase is { } phase) record.Int((int)phase);
        if (candidate.Publication is { } publication) record.Int((int)publication);
        record.String(candidate.Title);
        Pooled(candidate.Journal);
        record.String(candidate.Doi);
        record.String(candidate.Pmid);
        Pooled(candidate.PhaseText);
        Parts(candidate.ParticipantsDetail);
        Parts(candidate.Text);
        if (!flags.HasFlag(EvidenceRecords.Flags.LabelIsTitle)) record.String(label);
        Strings(candidate.AuthorSurnames, pooled: true);
        Strings(candidate.AuthorGivenNames, pooled: true);
        Strings(candidate.NctIds, pooled: false);
        Strings(candidate.Aliases, pooled: true);

        // A record never straddles two buffers; one larger than a buffer gets its own.
        var bytes = record.Written;
        if (used + bytes.Length > current.Length)
        {
            if (used > 0) chunks.Add(current[..used]);
            current = new byte[Math.Max(EvidenceRecords.ChunkSize, bytes.Length)];
            used = 0;
        }

        if (chunks.Count >= 1 << (31 - EvidenceRecords.ChunkBits)) throw new InvalidOperationException("too many records for one library");
        bytes.CopyTo(current.AsSpan(used));
        positions.Add((chunks.Count << EvidenceRecords.ChunkBits) | used);
        used += bytes.Length;
        ids.Add(candidate.Id);
        kinds.Add(candidate.Kind);
        return ids.Count - 1;
    }

    public EvidenceRecords Build()
    {
        var all = new List<byte[]>(chunks) { current[..used] };
        return new EvidenceRecords([.. all], [.. positions], [.. ids], [.. kinds], pool.ToArray(), [.. poolStarts]);
    }

    private void Pooled(string? value)
    {
        if (value is null)
        {
            record.VarInt(0);
            return;
        }

        if (!poolIndex.TryGetValue(value, out var index))
        {
            poolStarts.Add(pool.Length);
            pool.String(value);
            poolIndex[value] = index = poolStarts.Count;
        }

        record.VarInt(index);
    }

    /// <summary>A text joined from parts (cell type, route, design...): each part pooled, as many records share them.</summary>
    private void Parts(string? value)
    {
        if (value is null)
        {
            record.VarInt(0);
            return;
        }

        var parts = value.Split(EvidenceRecords.PartSeparator);
        record.VarInt(parts.Length + 1);
        foreach (var part in parts) Pooled(part);
    }

    private void Strings(IReadOnlyList<string> values, bool pooled)
    {
        record.VarInt(values.Count);
        foreach (var value in values)
        {
            if (pooled) Pooled(value);
            else record.String(value);
        }
    }
}
