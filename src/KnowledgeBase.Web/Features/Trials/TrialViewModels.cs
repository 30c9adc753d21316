using KnowledgeBase.Domain;
using KnowledgeBase.Web.Features.Shared;
using KnowledgeBase.Web.Features.Studies;

namespace KnowledgeBase.Web.Features.Trials;

public sealed record TrialListViewModel(
    IReadOnlyList<TrialRow> Trials,
    IReadOnlyList<FacetGroup> Facets,
    BrowsePaging Paging,
    IReadOnlyList<SortOption> Sorts,
    TrialFilter Filter,
    IReadOnlyList<string> Unknown,
    string? ExportQuery)
{
    public bool IsFiltered => !Filter.IsEmpty;
}

public sealed record StudyLabel(int Id, string Label);

public sealed record TrialRow(
    int Id,
    string NctId,
    string? Title,
    IReadOnlyList<StudyLabel> ReportedBy,
    TrialPhase? Phase,
    string? PhaseText,
    string? Status,
    string? Sponsor,
    int? Enrollment,
    IReadOnlyList<TherapyTag> TherapyTypes,
    IReadOnlyList<string> UnverifiedNotes)
{
    private IReadOnlySet<RecordField>? _unverified;

    public IReadOnlySet<RecordField> Unverified => _unverified ??= UnverifiedFields.Match(UnverifiedNotes);

    /// <summary>How many claims rely on the trial through an evidence link.</summary>
    public int ClaimCount { get; init; }
}

public sealed record TrialDetailsViewModel
{
    public int Id { get; init; }
    public required string NctId { get; init; }
    public string? Title { get; init; }
    public TrialPhase? Phase { get; init; }
    public string? PhaseText { get; init; }
    public string? Design { get; init; }
    public int? Enrollment { get; init; }
    public string? Status { get; init; }

    /// <summary>Whether the registry holds posted results; null when no registry record said.</summary>
    public bool? ResultsPosted { get; init; }
    public string? Sponsor { get; init; }
    public string? Intervention { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<string> Interventions { get; init; } = [];
    public IReadOnlyList<string> PrimaryOutcomes { get; init; } = [];
    public IReadOnlyList<string> Provenance { get; init; } = [];
    public IReadOnlyList<string> Unverified { get; init; } = [];
    public DateTime ImportedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public IReadOnlyList<TherapyTag> TherapyTypes { get; init; } = [];
    public IReadOnlyList<TrialStudyRow> Studies { get; init; } = [];
    public IReadOnlyList<LinkedClaimRow> Claims { get; init; } = [];

    private IReadOnlySet<RecordField>? _unverifiedFields;

    public IReadOnlySet<RecordField> UnverifiedFieldSet => _unverifiedFields ??= UnverifiedFields.Match(Unverified);

    public bool IsUnverified(RecordField field, string? value = null) =>
        UnverifiedFieldSet.Contains(field) || UnverifiedFields.IsHedged(value);
}

public sealed record TrialStudyRow(int Id, string Title, string? ShortLabel, StudyKind Kind, int? Year, string? Authors, string? Journal);
