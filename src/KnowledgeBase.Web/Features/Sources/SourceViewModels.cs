using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Sources;

public sealed record SourceListViewModel(IReadOnlyList<SourceRow> Sources);

public sealed record SourceRow(
    int Id,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string FileName,
    int PartIndex,
    DateTime ImportedAt,
    int ClaimCount,
    int CandidateCount,
    int ConfirmedCount);

public sealed record SourceDetailsViewModel(
    int Id,
    string Title,
    TitleOrigin TitleOrigin,
    string? Publisher,
    string? Url,
    string FileName,
    int PartIndex,
    DateTime ImportedAt,
    DateTime? UpdatedAt,
    string ContentHash,
    int TextLength,
    HighlightedText Text,
    IReadOnlyList<SourceClaimRow> Claims,
    IReadOnlyList<SourceClaimRow> NotInText,
    IReadOnlyList<SourceReferenceRow> References)
{
    public int ClaimCount => Claims.Count + NotInText.Count;

    /// <summary>Claims that have a highlight in the text (their anchor is the highlight, not the list entry).</summary>
    public bool IsHighlighted(int claimId) => Text.PlacedIds.Contains(claimId);
}

public sealed record SourceClaimRow(int Id, string Quote, int Start, int End, ClaimStatus Status, bool IsOrphaned, int LinkCount);

public sealed record SourceReferenceRow(
    int Ordinal,
    string Label,
    string Text,
    string? Url,
    string? Pmid,
    string? Doi,
    string? NctId,
    int? StudyId,
    string? StudyTitle,
    int? TrialId,
    string? TrialNctId);

public sealed record SourceOriginalViewModel(int Id, string Title, string FileName, int PartIndex, string ContentHash, string OriginalText);
