using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Linking.TrialComparison;

namespace KnowledgeBase.Interchange.Writing;

/// <summary>
/// One claim as <see cref="ClaimsJsonWriter"/> writes it: the claim with its tags and links (each linked study with
/// the trials it reports, each linked trial), its source's title and file name, the claim-vs-record comparisons with
/// the editors' dismissals of their flags, and the suggested evidence, best first.
/// </summary>
public sealed record ClaimExportItem(
    Claim Claim,
    string SourceTitle,
    string SourceFileName,
    IReadOnlyList<ClaimComparison> Comparisons,
    IReadOnlyList<FlagDismissal> Dismissals,
    IReadOnlyList<EvidenceSuggestion> Suggestions);
