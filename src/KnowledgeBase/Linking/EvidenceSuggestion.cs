namespace KnowledgeBase.Linking;

/// <summary>
/// A study or trial a claim probably cites, with the reasons an editor sees. <see cref="Score"/> is the sum
/// of the reasons' weights.
/// </summary>
public sealed record EvidenceSuggestion(EvidenceCandidate Candidate, double Score, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>One piece of evidence for a suggestion ("author Mazzini et al. + year 2006") and what it contributed to the score.</summary>
public sealed record SuggestionReason(string Text, double Weight);
