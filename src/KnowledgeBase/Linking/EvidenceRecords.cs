using System.Buffers.Binary;
using System.Collections;
using System.Text;
using System.Text.Unicode;
using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking;

/// <summary>
/// Every <see cref="EvidenceCandidate"/> of a library packed into byte buffers (decision 0031): one record's fields
/// one after another, texts as UTF-8, the journal, phase and names many records share stored once, and read back
/// into a new <see cref="EvidenceCandidate"/> when a row is asked for. Ranking a claim reads a few hundred rows (the
/// citation pool and the rows shown); holding 70,000 candidate objects with their lists and UTF-16 strings took
/// about 110 MB of heap, this a quarter of it. Each read gives an equal-valued but new object. Immutable; see
/// <see cref="EvidenceRecordsBuilder"/>.
/// </summary>
public sealed class EvidenceRecords : IReadOnlyList<EvidenceCandidate>
{
    internal const int ChunkBits = 20;
    internal const int ChunkSize = 1 << ChunkBits;

    private readonly byte[][] chunks;
    private readonly int[] positions;
    private readonly int[] ids;
    private readonly EvidenceKind[] kinds;
    private readonly string[] shared;

    internal EvidenceRecords(byte[][] chunks, int[] positions, int[] ids, EvidenceKind[] kinds, string[] shared)
    {
        this.chunks = chunks;
        this.positions = positions;
        this.ids = ids;
        this.kinds = kinds;
        this.shared = shared;
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
        + shared.Sum(s => 24L + (s.Length * 2));

    private EvidenceCandidate Read(int row)
    {
        var packed = positions[row];
        var reader = new Reader(chunks[packed >>> ChunkBits], packed & (ChunkSize - 1), shared);
        var flags = (Flags)reader.Byte();
        int? year = flags.HasFlag(Flags.Year) ? reader.Int() : null;
        int? participants = flags.HasFlag(Flags.Participants) ? reader.Int() : null;
        TrialPhase? phase = flags.HasFlag(Flags.Phase) ? (TrialPhase)reader.Int() : null;
        StudyKind? publication = flags.HasFlag(Flags.Publication) ? (StudyKind)reader.Int() : null;
        var title = reader.String()!;
        var journal = reader.Shared();
        var doi = reader.String();
        var pmid = reader.String();
        var phaseText = reader.Shared();
        var detail = reader.String();
        var text = reader.String();
        var label = flags.HasFlag(Flags.LabelIsTitle) ? title : reader.String()!;
        var surnames = reader.Strings(pooled: false);
        var givenNames = reader.Strings(pooled: false);
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
    }

    private ref struct Reader(byte[] buffer, int position, string[] shared)
    {
        private int at = position;

        public byte Byte() => buffer[at++];

        public int Int()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at, 4));
            at += 4;
            return value;
        }

        public int VarInt()
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

        /// <summary>0: null; otherwise (byte length + 1) * 2, plus 1 when the bytes are UTF-16 (a text UTF-8 cannot hold as it is).</summary>
        public string? String()
        {
            var header = VarInt();
            if (header == 0) return null;
            var length = (header >> 1) - 1;
            var bytes = buffer.AsSpan(at, length);
            at += length;
            return (header & 1) == 0 ? Encoding.UTF8.GetString(bytes) : new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes));
        }

        public string? Shared()
        {
            var index = VarInt();
            return index == 0 ? null : shared[index - 1];
        }

        public string[] Strings(bool pooled)
        {
            var n = VarInt();
            if (n == 0) return [];
            var values = new string[n];
            for (var i = 0; i < n; i++) values[i] = (pooled ? Shared() : String())!;
            return values;
        }
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
    private readonly List<string> shared = [];
    private readonly Dictionary<string, int> sharedIndex = new(StringComparer.Ordinal);
    private byte[] scratch = new byte[4096];
    private byte[] utf8 = new byte[4096];
    private int length;

    public int Count => ids.Count;

    /// <summary>Adds a record; returns its row.</summary>
    public int Add(EvidenceCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        length = 0;
        var flags = EvidenceRecords.Flags.None;
        if (candidate.Year is not null) flags |= EvidenceRecords.Flags.Year;
        if (candidate.Participants is not null) flags |= EvidenceRecords.Flags.Participants;
        if (candidate.Phase is not null) flags |= EvidenceRecords.Flags.Phase;
        if (candidate.Publication is not null) flags |= EvidenceRecords.Flags.Publication;
        if (candidate.Ongoing) flags |= EvidenceRecords.Flags.Ongoing;
        if (string.Equals(candidate.Label, candidate.Title, StringComparison.Ordinal)) flags |= EvidenceRecords.Flags.LabelIsTitle;
        WriteByte((byte)flags);
        if (candidate.Year is { } year) WriteInt(year);
        if (candidate.Participants is { } participants) WriteInt(participants);
        if (candidate.Phase is { } phase) WriteInt((int)phase);
        if (candidate.Publication is { } publication) WriteInt((int)publication);
        WriteString(candidate.Title);
        WriteShared(candidate.Journal);
        WriteString(candidate.Doi);
        WriteString(candidate.Pmid);
        WriteShared(candidate.PhaseText);
        WriteString(candidate.ParticipantsDetail);
        WriteString(candidate.Text);
        if (!flags.HasFlag(EvidenceRecords.Flags.LabelIsTitle)) WriteString(candidate.Label);
        WriteStrings(candidate.AuthorSurnames, pooled: false);
        WriteStrings(candidate.AuthorGivenNames, pooled: false);
        WriteStrings(candidate.NctIds, pooled: false);
        WriteStrings(candidate.Aliases, pooled: true);

        // A record never straddles two buffers; one larger than a buffer gets its own.
        if (used + length > current.Length)
        {
            if (used > 0) chunks.Add(current[..used]);
            current = new byte[Math.Max(EvidenceRecords.ChunkSize, length)];
            used = 0;
        }

        if (chunks.Count >= 1 << (31 - EvidenceRecords.ChunkBits)) throw new InvalidOperationException("too many records for one library");
        scratch.AsSpan(0, length).CopyTo(current.AsSpan(used));
        positions.Add((chunks.Count << EvidenceRecords.ChunkBits) | used);
        used += length;
        ids.Add(candidate.Id);
        kinds.Add(candidate.Kind);
        return ids.Count - 1;
    }

    public EvidenceRecords Build()
    {
        var all = new List<byte[]>(chunks) { current[..used] };
        return new EvidenceRecords([.. all], [.. positions], [.. ids], [.. kinds], [.. shared]);
    }

    private void Ensure(int more)
    {
        if (length + more > scratch.Length) Array.Resize(ref scratch, Math.Max(scratch.Length * 2, length + more));
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        scratch[length++] = value;
    }

    private void WriteInt(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(scratch.AsSpan(length), value);
        length += 4;
    }

    private void WriteVarInt(int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        WriteByte((byte)v);
    }

    private void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarInt(0);
            return;
        }

        // UTF-8 when the text converts exactly (it always does unless it holds a lone surrogate), else its UTF-16 bytes.
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < most) utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        if (Utf8.FromUtf16(value, utf8, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done)
        {
            WriteVarInt((written + 1) * 2);
            Ensure(written);
            utf8.AsSpan(0, written).CopyTo(scratch.AsSpan(length));
            length += written;
            return;
        }

        var raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan());
        WriteVarInt(((raw.Length + 1) * 2) + 1);
        Ensure(raw.Length);
        raw.CopyTo(scratch.AsSpan(length));
        length += raw.Length;
    }

    private void WriteShared(string? value)
    {
        if (value is null)
        {
            WriteVarInt(0);
            return;
        }

        if (!sharedIndex.TryGetValue(value, out var index))
        {
            shared.Add(value);
            sharedIndex[value] = index = shared.Count;
        }

        WriteVarInt(index);
    }

    private void WriteStrings(IReadOnlyList<string> values, bool pooled)
    {
        WriteVarInt(values.Count);
        foreach (var value in values)
        {
            if (pooled) WriteShared(value);
            else WriteString(value);
        }
    }
}
