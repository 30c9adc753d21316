using KnowledgeBase.Importing;

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

    private readonly Dictionary<string, int[]> rowsByKey;

    public CitationIndex(IReadOnlyList<EvidenceCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Candidates = candidates;
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var row = 0; row < candidates.Count; row++)
        {
            foreach (var key in KeysOf(candidates[row]).Distinct(StringComparer.Ordinal))
            {
                if (!keys.TryGetValue(key, out var rows)) keys[key] = rows = [];
                rows.Add(row);
            }
        }

        rowsByKey = keys.Where(k => k.Key.StartsWith("id:", StringComparison.Ordinal) || k.Value.Count <= MaxRowsPerWord)
            .ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
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
            if (rowsByKey.TryGetValue(key, out var rows)) pool.UnionWith(rows);
        }

        foreach (var row in pool)
        {
            if (row < 0 || row >= Candidates.Count) continue;
            if (EvidenceIndex.Score(new IndexedCandidate(Candidates[row]), quote, neighbours, references) is { } suggestion) found[row] = suggestion;
        }

        return found;
    }

    private static IEnumerable<string> KeysOf(EvidenceCandidate c)
    {
        if (Identifiers.NormalizePmid(c.Pmid) is { } pmid) yield return "id:" + pmid;
        if (Identifiers.NormalizeDoi(c.Doi) is { } doi) yield return "id:" + doi;
        foreach (var nct in c.NctIds) yield return "id:" + nct;
        foreach (var name in c.AuthorSurnames.Concat(c.AuthorGivenNames))
        {
            foreach (var word in TextFeatures.WordsOf(name)) yield return "w:" + word.Folded;
        }

        var journal = TextFeatures.WordsOf(c.Journal);
        if (journal.Count > 0) yield return "w:" + journal[0].Folded;
        foreach (var alias in c.Aliases) yield return "c:" + ProductAliases.Compact(alias);
    }

    private static IEnumerable<string> KeysOf(TextFeatures text) =>
        text.Pmids.Concat(text.Dois).Concat(text.NctIds).Select(id => "id:" + id)
            .Concat(text.Words.Select(w => "w:" + w.Folded))
            .Concat(text.CompactPhrases.Select(p => "c:" + p.Compact));
}
