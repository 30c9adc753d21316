using KnowledgeBase.Domain;

namespace KnowledgeBase.Web.Features.Claims;

public sealed record ClaimListViewModel(
    IReadOnlyList<ClaimRow> Claims,
    IReadOnlyList<SourceOption> Sources,
    SourceOption? SelectedSource,
    ClaimStatus? SelectedStatus,
    int Page,
    int PageCount,
    int Total,
    string? UnknownStatus,
    bool UnknownSource)
{
    public bool IsFiltered => SelectedSource is not null || SelectedStatus is not null;

    /// <summary>1-based position of the first row on this page.</summary>
    public int FirstRow => Total == 0 ? 0 : ((Page - 1) * ClaimsController.PageSize) + 1;

    public int LastRow => FirstRow == 0 ? 0 : FirstRow + Claims.Count - 1;
}

public sealed record SourceOption(int Id, string Title, int ClaimCount);

public sealed record ClaimRow(int Id, string Quote, int SourceId, string SourceTitle, ClaimStatus Status, bool IsOrphaned, int LinkCount);

public sealed record ClaimDetailsViewModel(
    int Id,
    string Quote,
    string Prefix,
    string Suffix,
    int Start,
    int End,
    ClaimStatus Status,
    bool IsOrphaned,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int SourceId,
    string SourceTitle,
    IReadOnlyList<EvidenceLinkRow> Links);

public sealed record EvidenceLinkRow(
    int Id,
    EvidenceRelation Relation,
    EvidenceAssessment? Assessment,
    int? StudyId,
    string? StudyTitle,
    string? StudyShortLabel,
    int? TrialId,
    string? TrialNctId,
    string? TrialTitle,
    string? Note,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt);
