
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

    private readonly Dictionary<string, int[]> rowsByKey;
    private readonly HashSet<string> commonNames;

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

        commonNames = keys.Where(k => k.Key.StartsWith("c:", StringComparison.Ordinal) && k.Value.Count > MaxRowsPerName)
            .Select(k => "alias:" + k.Key[2..]).ToHashSet(StringComparer.Ordinal);
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
