using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Studies;

public sealed record StudyListViewModel(
    IReadOnlyList<StudyRow> Studies,
    IReadOnlyList<FacetGroup> Facets,
    BrowsePaging Paging,
    IReadOnlyList<SortOption> Sorts,
    StudyFilter Filter,
    int? MinYear,
    int? MaxYear,
    IReadOnlyList<string> Unknown,
    string? ExportQuery)
{
    public bool IsFiltered => !Filter.IsEmpty;

    /// <summary>The counts are from before the latest change and are being recounted (decision 0039).</summary>
    public bool CountsStale { get; init; }
}

public sealed record StudyRow(
    int Id,
    string Title,
    string? Authors,
    string? Journal,
    int? Year,
    StudyKind Kind,
    IReadOnlyList<TherapyTag> TherapyTypes,
    string? Doi,
    string? Pmid,
    string? Pmcid,
    IReadOnlyList<string> NctIds,
    int ClaimCount,
    IReadOnlyList<string> UnverifiedNotes)
{
    private IReadOnlySet<RecordField>? _unverified;

    /// <summary>Fields the curators' notes put in doubt.</summary>
    public IReadOnlySet<RecordField> Unverified => _unverified ??= UnverifiedFields.Match(UnverifiedNotes);

    public EvidenceLevel EvidenceLevel { get; init; } = EvidenceLevel.NotStated;

    public int? Participants { get; init; }
}

public sealed record StudyDetailsViewModel
{
    public int Id { get; init; }
    public string? LibraryId { get; init; }
    public StudyKind Kind { get; init; }
    public string? RecordType { get; init; }
    public required string Title { get; init; }
    public string? ShortLabel { get; init; }
    public string? Authors { get; init; }
    public string? Journal { get; init; }
    public int? Year { get; init; }
    public string? Volume { get; init; }
    public string? Issue { get; init; }
    public string? Pages { get; init; }
    public string? Doi { get; init; }
    public string? Pmid { get; init; }
    public string? Pmcid { get; init; }
    public string? PhaseText { get; init; }
    public string? Design { get; init; }
    public int? Participants { get; init; }
    public string? ParticipantsDetail { get; init; }
    public string? CellType { get; init; }
    public string? CellSource { get; init; }
    public string? Route { get; init; }
    public string? Dosing { get; init; }
    public string? MainResults { get; init; }
    public string? Abstract { get; init; }
    public IReadOnlyList<string> Unverified { get; init; } = [];
    public IReadOnlyList<string> VerifiedFrom { get; init; } = [];
    public DateTime ImportedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public IReadOnlyList<TherapyTag> TherapyTypes { get; init; } = [];
    public IReadOnlyList<StudyTrialRow> Trials { get; init; } = [];
    public IReadOnlyList<LinkedClaimRow> Claims { get; init; } = [];

    private IReadOnlySet<RecordField>? _unverifiedFields;

    /// <summary>Fields named by an unverified note.</summary>
    public IReadOnlySet<RecordField> UnverifiedFieldSet => _unverifiedFields ??= UnverifiedFields.Match(Unverified);

    /// <summary>True when a note names <paramref name="field"/> or the value hedges itself ("(inferred)", "UNVERIFIED").</summary>
    public bool IsUnverified(RecordField field, string? value = null) =>
        UnverifiedFieldSet.Contains(field) || UnverifiedFields.IsHedged(value);
}

public sealed record StudyTrialRow(int Id, string NctId, string? Title, TrialPhase? Phase, string? Status);

/// <summary>A claim that rests on a study or trial, through one evidence link (with the editor's Markdown note).</summary>
public sealed record LinkedClaimRow(
    int ClaimId,
    string Quote,
    ClaimStatus Status,
    int SourceId,
    string SourceTitle,
    EvidenceRelation Relation,
    EvidenceAssessment? Assessment,
    string? Note = null);

public static class LinkedClaimQueries
{
    /// <summary>The claims relying on a study or trial, as its page lists them: by source, in text order.</summary>
    public static Task<List<LinkedClaimRow>> ToLinkedClaimRowsAsync(this IQueryable<EvidenceLink> links, CancellationToken ct) =>
        links.AsNoTracking()
            .OrderBy(l => l.Claim!.SourceId).ThenBy(l => l.Claim!.Start).ThenBy(l => l.Id)
            .Select(l => new LinkedClaimRow(
                l.ClaimId, l.Claim!.Quote, l.Claim.Status, l.Claim.SourceId, l.Claim.Source!.Title, l.Relation, l.Assessment, l.Note))
            .ToListAsync(ct);
}
