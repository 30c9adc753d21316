using KnowledgeBase.Linking;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Retrieval;

/// <summary>
/// Everything the ranking reads about the studies and trials, row by row: the citation signals
/// (<see cref="CitationIndex"/>), the lexical index, the embeddings, and the identifiers an article's
/// reference list can name. Built with <see cref="EvidenceLibraryBuilder"/>; embeddings computed later are
/// added to a copy (<see cref="WithNewVectors"/>) before it is shared, so a published library never changes under a reader.
/// </summary>
public sealed class EvidenceLibrary
{
    /// <summary>Rows ordered by kind, then id, then row: <see cref="RowOf"/> finds the first by binary search.</summary>
    private readonly int[] rowsByKindAndId;
    private readonly bool[] hasAbstract;

    internal EvidenceLibrary(EvidenceRecords records, CitationIndex citations, bool[] hasAbstract, LexicalIndex lexical, VectorIndex vectors)
    {
        Records = records;
        Citations = citations;
        this.hasAbstract = hasAbstract;
        Lexical = lexical;
        Vectors = vectors;
        rowsByKindAndId = new int[records.Count];
        for (var row = 0; row < rowsByKindAndId.Length; row++) rowsByKindAndId[row] = row;
        Array.Sort(rowsByKindAndId, (a, b) => CompareKindAndId(records.KindOf(a), records.IdOf(a), a, records.KindOf(b), records.IdOf(b), b));
    }

    /// <summary>The same records and indexes with a copy of <paramref name="from"/>'s embeddings, to add to before publishing.</summary>
    private EvidenceLibrary(EvidenceLibrary from)
    {
        Records = from.Records;
        Citations = from.Citations;
        hasAbstract = from.hasAbstract;
        Lexical = from.Lexical;
        Vectors = from.Vectors.Copy();
        rowsByKindAndId = from.rowsByKindAndId;
    }

    public CitationIndex Citations { get; }
    public LexicalIndex Lexical { get; }

    /// <summary>The records' embeddings by row; rows not yet embedded are ranked lexically only.</summary>
    public VectorIndex Vectors { get; }

    /// <summary>The studies and trials by row, packed (<see cref="EvidenceRecords"/>): each read gives a new object.</summary>
    public EvidenceRecords Records { get; }

    public IReadOnlyList<EvidenceCandidate> Candidates => Records;
    public int Count => Records.Count;

    /// <summary>Whether the record has an abstract (a study) or summary (a trial), for the wording of reasons.</summary>
    public bool HasAbstract(int row) => hasAbstract[row];

    /// <summary>
    /// A library sharing this one's records, citation and lexical indexes (immutable) with its own copy of the
    /// embeddings, for adding new ones to while readers still rank with this one.
    /// </summary>
    public EvidenceLibrary WithNewVectors() => new(this);

    /// <summary>Approximate managed size of the records and indexes, for the memory figures.</summary>
    public long EstimatedBytes() =>
        Records.EstimatedBytes() + Citations.EstimatedBytes() + Lexical.EstimatedBytes() + Vectors.EstimatedBytes()
        + (rowsByKindAndId.LongLength * 4) + hasAbstract.LongLength;

    /// <summary>The first row of that study or trial.</summary>
    public int? RowOf(EvidenceKind kind, int id)
    {
        int low = 0, high = rowsByKindAndId.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var row = rowsByKindAndId[middle];
            var c = CompareKindAndId(Records.KindOf(row), Records.IdOf(row), 0, kind, id, 0);
            if (c < 0) low = middle + 1;
            else
            {
                if (c == 0) found = row;
                high = middle - 1;
            }
        }

        return found < 0 ? null : found;
    }

    internal int? RowByPmid(string pmid) => Citations.RowByPmid(pmid);

    internal int? RowByDoi(string doi) => Citations.RowByDoi(doi);

    internal ReadOnlySpan<int> RowsByNct(string nct) => Citations.RowsByNct(nct);

    private static int CompareKindAndId(EvidenceKind kindA, int idA, int rowA, EvidenceKind kindB, int idB, int rowB)
    {
        var c = kindA.CompareTo(kindB);
        if (c != 0) return c;
        c = idA.CompareTo(idB);
        return c != 0 ? c : rowA.CompareTo(rowB);
    }
}

/// <summary>
/// Adds studies and trials one by one, then builds the <see cref="EvidenceLibrary"/>. Nothing of a record is held
/// as an object: its facts are packed (<see cref="EvidenceRecords"/>), its citation words and identifiers collected,
/// and its long texts go into the lexical index.
/// </summary>
public sealed class EvidenceLibraryBuilder(int dimensions, Bm25Parameters? bm25 = null, int titleWeight = EvidenceLibraryBuilder.DefaultTitleWeight)
{
    /// <summary>The title counts this many times in the lexical index (the title says what a record is about).</summary>
    public const int DefaultTitleWeight = 1;

    private readonly EvidenceRecordsBuilder records = new();
    private readonly CitationKeysBuilder citationKeys = new();
    private readonly List<bool> hasAbstract = [];
    private readonly LexicalIndexBuilder lexical = new(bm25);

    /// <summary>Adds a record; returns its row.</summary>
    public int Add(EvidenceCandidate candidate, string? abstractText)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var row = records.Add(candidate);
        citationKeys.Add(row, candidate);
        hasAbstract.Add(!string.IsNullOrWhiteSpace(abstractText));
        return lexical.Add(candidate.Title, LexicalText(candidate, abstractText), titleWeight);
    }

    /// <summary>The library of the records added (call once: the lexical index lets its row-by-row postings go while it is made).</summary>
    public EvidenceLibrary Build(VectorFileOptions? vectorFile = null)
    {
        var packed = records.Build();
        var vectors = vectorFile is not null && packed.Count >= vectorFile.FromRecords
            ? VectorIndex.WithFile(packed.Count, dimensions, vectorFile.Folder)
            : new VectorIndex(packed.Count, dimensions);
        return new(packed, CitationIndex.Of(packed, citationKeys), [.. hasAbstract], lexical.Build(), vectors);
    }

    /// <summary>What BM25 reads besides the title: the abstract or summary, then design, intervention, results and the other facts.</summary>
    private static string LexicalText(EvidenceCandidate c, string? abstractText) =>
        string.Join(" \n ", new[] { abstractText, c.Text, c.ParticipantsDetail, c.Journal, string.Join(' ', c.Aliases) }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
}

/// <summary>
/// Where a library of at least <see cref="FromRecords"/> records keeps its int8 vectors, holding only their signs in memory
/// (<see cref="VectorIndex.WithFile"/>, decision 0040). Smaller libraries keep them in memory (under 8 MB).
/// </summary>
public sealed record VectorFileOptions(string Folder, int FromRecords = VectorFileOptions.DefaultFromRecords)
{
    public const int DefaultFromRecords = 20_000;
}
