namespace KnowledgeBase.Linking;

/// <summary>
/// A claim to find evidence for: its quote, the sentences around it, and the identifiers of the article's
/// own reference list (article-level signals: weaker than an identifier in the claim itself, strong when the
/// claim also matches the study's topic), and the records editors already linked to other claims of the same
/// article (article context for the ranking).
/// </summary>
public sealed record ClaimContext(
    string Quote,
    string? PrecedingText,
    string? FollowingText,
    IReadOnlyList<string> ReferencePmids,
    IReadOnlyList<string> ReferenceDois,
    IReadOnlyList<string> ReferenceNctIds)
{
    /// <summary>Studies linked to other claims of the same article.</summary>
    public IReadOnlyList<int> LinkedStudyIds { get; init; } = [];

    /// <summary>Trials linked to other claims of the same article.</summary>
    public IReadOnlyList<int> LinkedTrialIds { get; init; } = [];

    /// <summary>
    /// The earlier sentences of the claim's section, nearest first (<see cref="ClaimContexts.PassageSentences"/> at most):
    /// a record one of them cites is what the following sentences most likely report.
    /// </summary>
    public IReadOnlyList<string> Passage { get; init; } = [];

    /// <summary>The heading of the claim's section, when one is found within <see cref="ClaimContexts.PassageSentences"/> sentences above it.</summary>
    public string? Heading { get; init; }

    /// <summary>A claim with no context and no article references.</summary>
    public static ClaimContext Of(string quote) => new(quote, null, null, [], [], []);
}
