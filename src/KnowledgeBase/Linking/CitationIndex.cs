
using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>
/// The citation signals of <see cref="EvidenceIndex"/> for a large library: instead of holding the prepared
/// features of every record (about 340 MB at 70,000 records) and comparing the claim with each, it keeps a map
/// from the words a record can be cited by (identifiers, surnames, given names, the journal's first word,
/// product and sponsor names) to rows, and prepares and scores only the records the claim shares such a word
/// with, plus the rows the caller adds (the most relevant ones). Scores and reasons are those of
/// <see cref="EvidenceIndex"/> for the rows it scores.
/// </summary>
public sealed class CitationIndex
{
    /// <summary>A word shared by more records than this (a common surname, "Journal") does not select records by itself.</summary>
    public const int MaxRowsPerWord = 500;

    /// <summary>
    /// A product or code name more records than this carry ("IL-10", "CRISPR" in a biomedical library) names a
    /// topic, not one record, and is not a citation; likewise a run of title words that this many of the compared
    /// records share ("in patients with type 2 diabetes").
    /// </summary>
    public const int MaxRowsPerName = 8;

    public const int MaxRowsPerTitleRun = 3;

    private readonly KeyedRows rowsByKey;
    private readonly HashSet<string> commonNames;

    public CitationIndex(IReadOnlyList<EvidenceCandidate> candidates)
        : this(candidates, Keys(candidates))
    {
    }

    private CitationIndex(IReadOnlyList<EvidenceCandidate> candidates, CitationKeysBuilder keys)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Candidates = candidates;
        (rowsByKey, commonNames) = keys.Build();
    }

    /// <summary>The index of records whose keys were collected while they were added (<see cref="CitationKeysBuilder"/>).</summary>
    internal static CitationIndex Of(IReadOnlyList<EvidenceCandidate> candidates, CitationKeysBuilder keys) => new(candidates, keys);

    private static CitationKeysBuilder Keys(IReadOnlyList<EvidenceCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var keys = new CitationKeysBuilder();
        for (var row = 0; row < candidates.Count; row++) keys.Add(row, candidates[row]);
        return keys;
    }

    public IReadOnlyList<EvidenceCandidate> Candidates { get; }

    /// <summary>The records the claim cites by the signals of <see cref="EvidenceIndex"/>, by row; <paramref name="alsoScore"/> adds rows to compare.</summary>
    public Dictionary<int, EvidenceSuggestion> Suggest(ClaimContext claim, IEnumerable<int> alsoScore)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(alsoScore);
        var found = new Dictionary<int, EvidenceSuggestion>();
        if (string.IsNullOrWhiteSpace(claim.Quote)) return found;
        var (quote, neighbours, references) = EvidenceIndex.Prepare(claim);
        var pool = new HashSet<int>(alsoScore);
        foreach (var key in KeysOf(quote).Concat(neighbours.SelectMany(KeysOf))
                     .Concat(references.Pmids.Concat(references.Dois).Concat(references.NctIds).Select(id => "id:" + id)))
        {
            if (!key.StartsWith("id:", StringComparison.Ordinal))
            {
                foreach (var row in rowsByKey.Rows(key)) pool.Add(row);
                continue;
            }

            // An identifier the claim names is looked up as each kind a record can carry (they never look alike).
            var id = key[3..];
            foreach (var prefix in CitationKeysBuilder.IdentifierPrefixes)
            {
                foreach (var row in rowsByKey.Rows(prefix + id)) pool.Add(row);
            }
        }

        bool Distinctive(Hit hit) => !commonNames.Contains(hit.Key);
        foreach (var row in pool)
        {
            if (row < 0 || row >= Candidates.Count) continue;
            if (EvidenceIndex.Score(new IndexedCandidate(Candidates[row]), quote, neighbours, references, Distinctive) is { } suggestion) found[row] = suggestion;
        }

        // A run of title words several compared records share is a common phrase, not a quoted title.
        var commonRuns = found.Values.SelectMany(s => s.Reasons).Where(r => r.Text.StartsWith(TitleReason, StringComparison.Ordinal))
            .GroupBy(r => r.Text, StringComparer.Ordinal).Where(g => g.Count() >= MaxRowsPerTitleRun).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        if (commonRuns.Count == 0) return found;
        foreach (var row in found.Where(f => f.Value.Reasons.Any(r => commonRuns.Contains(r.Text))).Select(f => f.Key).ToList())
        {
            var rescored = EvidenceIndex.Score(new IndexedCandidate(Candidates[row]), quote, neighbours, references,
                hit => Distinctive(hit) && !(hit.Key == "title" && commonRuns.Contains(hit.Text)));
            if (rescored is null) found.Remove(row);
            else found[row] = rescored;
        }

        return found;
    }

    private const string TitleReason = "title words ";

    /// <summary>The first (lowest) row whose PMID, normalised, is <paramref name="pmid"/>.</summary>
    internal int? RowByPmid(string pmid) => rowsByKey.FirstRow(CitationKeysBuilder.Pmid + pmid);

    /// <summary>The first (lowest) row whose DOI, normalised, is <paramref name="doi"/>.</summary>
    internal int? RowByDoi(string doi) => rowsByKey.FirstRow(CitationKeysBuilder.Doi + doi);

    /// <summary>The rows (ascending) listing the NCT id <paramref name="nct"/>.</summary>
    internal ReadOnlySpan<int> RowsByNct(string nct) => rowsByKey.Rows(CitationKeysBuilder.Nct + nct);

    /// <summary>Approximate managed size, for the memory figures.</summary>
    public long EstimatedBytes() => rowsByKey.EstimatedBytes() + (commonNames.Count * 64L);

    private static IEnumerable<string> KeysOf(TextFeatures text) =>
        text.Pmids.Concat(text.Dois).Concat(text.NctIds).Select(id => "id:" + id)
            .Concat(text.Words.Select(w => "w:" + w.Folded))
            .Concat(text.CompactPhrases.Select(p => "c:" + p.Compact));
}

/// <summary>
/// Collects the words each record can be cited by (identifiers, surnames, given names, the journal's first word,
/// product and sponsor names) as the records are added, so that a library is indexed without holding its records as objects.
/// </summary>
internal sealed class CitationKeysBuilder
{
    public const string Pmid = "p:";
    public const string Doi = "d:";
    public const string Nct = "n:";
    public static readonly string[] IdentifierPrefixes = [Pmid, Doi, Nct];

    private readonly KeyedRowsBuilder keys = new();

    public void Add(int row, EvidenceCandidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (Identifiers.NormalizePmid(c.Pmid) is { } pmid) keys.Add(Pmid + pmid, row);
        if (Identifiers.NormalizeDoi(c.Doi) is { } doi) keys.Add(Doi + doi, row);
        foreach (var nct in c.NctIds) keys.Add(Nct + nct, row);
        foreach (var name in c.AuthorSurnames.Concat(c.AuthorGivenNames))
        {
            foreach (var word in TextFeatures.WordsOf(name)) keys.Add("w:" + word.Folded, row);
        }

        var journal = TextFeatures.WordsOf(c.Journal);
        if (journal.Count > 0) keys.Add("w:" + journal[0].Folded, row);
        foreach (var alias in c.Aliases) keys.Add("c:" + ProductAliases.Compact(alias), row);
    }

    /// <summary>
    /// Identifiers always select their records; a word only when at most <see cref="CitationIndex.MaxRowsPerWord"/> records
    /// have it. A product name more than <see cref="CitationIndex.MaxRowsPerName"/> records carry is common.
    /// </summary>
    public (KeyedRows Rows, HashSet<string> CommonNames) Build()
    {
        var common = new HashSet<string>(StringComparer.Ordinal);
        var rows = keys.Build(
            keep: (key, count) => IsIdentifier(key) || count <= CitationIndex.MaxRowsPerWord,
            seen: (key, count) =>
            {
                if (key.StartsWith("c:", StringComparison.Ordinal) && count > CitationIndex.MaxRowsPerName) common.Add("alias:" + key[2..]);
            });
        return (rows, common);
    }

    private static bool IsIdentifier(string key) =>
        key.StartsWith(Pmid, StringComparison.Ordinal) || key.StartsWith(Doi, StringComparison.Ordinal) || key.StartsWith(Nct, StringComparison.Ordinal);
}
