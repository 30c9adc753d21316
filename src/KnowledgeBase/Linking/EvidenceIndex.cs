using System.Globalization;
using static KnowledgeBase.Linking.EvidenceSuggester;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>
/// The candidates prepared once (folded names, journal words, phases, numbers, aliases) so that many claims
/// can be scored against them. Immutable and deterministic; see <see cref="EvidenceSuggester"/> for the signals and weights.
/// </summary>
public sealed class EvidenceIndex
{
    private readonly List<IndexedCandidate> entries;

    public EvidenceIndex(IReadOnlyList<EvidenceCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Candidates = candidates;
        entries = candidates.Select(c => new IndexedCandidate(c)).ToList();
    }

    public IReadOnlyList<EvidenceCandidate> Candidates { get; }

    /// <summary>The candidates the claim most likely cites, best first, at most <paramref name="max"/>; empty when it cites nothing identifiable.</summary>
    public IReadOnlyList<EvidenceSuggestion> Suggest(ClaimContext claim, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0 || string.IsNullOrWhiteSpace(claim.Quote)) return [];

        var (quote, neighbours, references) = Prepare(claim);

        var suggestions = new List<EvidenceSuggestion>();
        foreach (var entry in entries)
        {
            if (Score(entry, quote, neighbours, references) is { } suggestion) suggestions.Add(suggestion);
        }

        return suggestions
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Candidate.Year ?? int.MaxValue)
            .ThenBy(s => s.Candidate.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Candidate.Title, StringComparer.Ordinal)
            .ThenBy(s => s.Candidate.Kind)
            .ThenBy(s => s.Candidate.Id)
            .Take(max)
            .ToList();
    }

    /// <summary>What the matching reads in a claim: its features, its neighbours' and the article's reference identifiers.</summary>
    internal static (TextFeatures Quote, List<TextFeatures> Neighbours, ArticleReferences References) Prepare(ClaimContext claim)
    {
        var quote = TextFeatures.Of(claim.Quote);
        var neighbours = new[] { claim.PrecedingText, claim.FollowingText }
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(TextFeatures.Of)
            .ToList();
        var references = new ArticleReferences(
            Normalise(claim.ReferencePmids, Identifiers.NormalizePmid),
            Normalise(claim.ReferenceDois, Identifiers.NormalizeDoi),
            Normalise(claim.ReferenceNctIds, Identifiers.NormalizeNct));
        return (quote, neighbours, references);
    }

    private static HashSet<string> Normalise(IReadOnlyList<string>? values, Func<string?, string?> normalise) =>
        (values ?? []).Select(normalise).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <param name="distinctive">Drops hits that do not tell this record from others in the library (a product name many records share); all kept when null.</param>
    internal static EvidenceSuggestion? Score(IndexedCandidate entry, TextFeatures quote, List<TextFeatures> neighbours, ArticleReferences references,
        Predicate<Hit>? distinctive = null)
    {
        var hits = new List<Hit>();
        entry.MatchClaim(quote, hits, supporting: true);
        if (distinctive is not null) hits.RemoveAll(h => !distinctive(h));
        var claimKeys = hits.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        entry.MatchReferences(references, claimKeys, hits);

        var hasAnchor = hits.Exists(h => h.Weight >= AnchorWeight);
        if (!hasAnchor) return null;

        var nearby = new Dictionary<string, Hit>(StringComparer.Ordinal);
        foreach (var neighbour in neighbours)
        {
            var found = new List<Hit>();
            entry.MatchClaim(neighbour, found, supporting: false);
            if (distinctive is not null) found.RemoveAll(h => !distinctive(h));
            foreach (var hit in found.Where(h => !claimKeys.Contains(h.Key)))
            {
                if (!nearby.TryGetValue(hit.Key, out var existing) || existing.Weight < hit.Weight) nearby[hit.Key] = hit;
            }
        }

        hits.AddRange(nearby.Values.Select(h => h with { Text = "nearby: " + h.Text, Weight = h.Weight * NeighbourFactor }));

        var score = Math.Round(hits.Sum(h => h.Weight), 3);
        if (score < MinScore) return null;

        var reasons = hits
            .OrderByDescending(h => h.Weight)
            .ThenBy(h => h.Text, StringComparer.Ordinal)
            .Select(h => new SuggestionReason(h.Text, Math.Round(h.Weight, 3)))
            .ToList();
        return new EvidenceSuggestion(entry.Candidate, score, reasons);
    }

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One reason while scoring; <see cref="Key"/> says which signal it is, so a neighbour does not repeat the claim.</summary>
internal readonly record struct Hit(string Key, string Text, double Weight);

internal sealed record ArticleReferences(HashSet<string> Pmids, HashSet<string> Dois, HashSet<string> NctIds);
