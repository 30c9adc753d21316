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
    private readonly Dictionary<(EvidenceKind, int), int> rowsById;
    private readonly Dictionary<string, int> rowsByPmid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> rowsByDoi = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> rowsByNct = new(StringComparer.Ordinal);
    private readonly bool[] hasAbstract;

    internal EvidenceLibrary(IReadOnlyList<EvidenceCandidate> candidates, bool[] hasAbstract, LexicalIndex lexical, VectorIndex vectors)
    {
        Citations = new CitationIndex(candidates);
        this.hasAbstract = hasAbstract;
        Lexical = lexical;
        Vectors = vectors;
        rowsById = new Dictionary<(EvidenceKind, int), int>(candidates.Count);
        for (var row = 0; row < candidates.Count; row++)
        {
            var c = candidates[row];
            rowsById.TryAdd((c.Kind, c.Id), row);
            if (Identifiers.NormalizePmid(c.Pmid) is { } pmid) rowsByPmid.TryAdd(pmid, row);
            if (Identifiers.NormalizeDoi(c.Doi) is { } doi) rowsByDoi.TryAdd(doi, row);
            foreach (var nct in c.NctIds)
            {
                if (!rowsByNct.TryGetValue(nct, out var list)) rowsByNct[nct] = list = [];
                list.Add(row);
            }
        }
    }

    /// <summary>The same records and indexes with a copy of <paramref name="from"/>'s embeddings, to add to before publishing.</summary>
    private EvidenceLibrary(EvidenceLibrary from)
    {
        Citations = from.Citations;
        hasAbstract = from.hasAbstract;
        Lexical = from.Lexical;
        Vectors = from.Vectors.Copy();
        rowsById = from.rowsById;
        rowsByPmid = from.rowsByPmid;
        rowsByDoi = from.rowsByDoi;
        rowsByNct = from.rowsByNct;
    }

    public CitationIndex Citations { get; }
    public LexicalIndex Lexical { get; }

    /// <summary>The records' embeddings by row; rows not yet embedded are ranked lexically only.</summary>
    public VectorIndex Vectors { get; }

    public IReadOnlyList<EvidenceCandidate> Candidates => Citations.Candidates;
    public int Count => Candidates.Count;

    /// <summary>Whether the record has an abstract (a study) or summary (a trial), for the wording of reasons.</summary>
    public bool HasAbstract(int row) => hasAbstract[row];

    /// <summary>
    /// A library sharing this one's records, citation and lexical indexes (immutable) with its own copy of the
    /// embeddings, for adding new ones to while readers still rank with this one.
    /// </summary>
    public EvidenceLibrary WithNewVectors() => new(this);

    public int? RowOf(EvidenceKind kind, int id) => rowsById.TryGetValue((kind, id), out var row) ? row : null;

    internal int? RowByPmid(string pmid) => rowsByPmid.TryGetValue(pmid, out var row) ? row : null;

    internal int? RowByDoi(string doi) => rowsByDoi.TryGetValue(doi, out var row) ? row : null;

    internal IReadOnlyList<int> RowsByNct(string nct) => rowsByNct.TryGetValue(nct, out var rows) ? rows : [];
}

/// <summary>
/// Adds studies and trials one by one (their long texts go into the lexical index and are not kept), then
/// builds the <see cref="EvidenceLibrary"/>.
/// </summary>
public sealed class EvidenceLibraryBuilder(int dimensions, Bm25Parameters? bm25 = null, int titleWeight = EvidenceLibraryBuilder.DefaultTitleWeight)
{
    /// <summary>The title counts this many times in the lexical index (the title says what a record is about).</summary>
    public const int DefaultTitleWeight = 1;

    private readonly List<EvidenceCandidate> candidates = [];
    private readonly List<bool> hasAbstract = [];
    private readonly LexicalIndexBuilder lexical = new(bm25);

    /// <summary>Adds a record; returns its row.</summary>
    public int Add(EvidenceCandidate candidate, string? abstractText)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        candidates.Add(candidate);
        hasAbstract.Add(!string.IsNullOrWhiteSpace(abstractText));
        return lexical.Add(candidate.Title, LexicalText(candidate, abstractText), titleWeight);
    }

    public EvidenceLibrary Build() =>
        new(candidates, [.. hasAbstract], lexical.Build(), new VectorIndex(candidates.Count, dimensions));

    /// <summary>What BM25 reads besides the title: the abstract or summary, then design, intervention, results and the other facts.</summary>
    private static string LexicalText(EvidenceCandidate c, string? abstractText) =>
        string.Join(" \n ", new[] { abstractText, c.Text, c.ParticipantsDetail, c.Journal, string.Join(' ', c.Aliases) }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
}
