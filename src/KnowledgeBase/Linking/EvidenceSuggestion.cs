namespace KnowledgeBase.Linking;

/// <summary>
/// A study or trial a claim probably rests on, with the reasons an editor sees. <see cref="Score"/> is the sum
/// of the reasons' weights; <see cref="Strength"/> says how far to trust it.
/// </summary>
public sealed record EvidenceSuggestion(EvidenceCandidate Candidate, double Score, IReadOnlyList<SuggestionReason> Reasons)
{
    public SuggestionStrength Strength { get; init; } = SuggestionStrength.Strong;
}

/// <summary>One piece of evidence for a suggestion ("author Mazzini et al. + year 2006") and what it contributed to the score.</summary>
public sealed record SuggestionReason(string Text, double Weight);

/// <summary>How far an editor can trust a suggestion.</summary>
public enum SuggestionStrength
{
    /// <summary>The best available but with little in common with the claim: shown so that a claim is never left without candidates.</summary>
    Weak,

    /// <summary>Relevant by its words or meaning; nothing cites it.</summary>
    Relevant,

    /// <summary>The claim or its article cites it.</summary>
    Strong,
}
