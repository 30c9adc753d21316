using KnowledgeBase.Domain;

namespace KnowledgeBase.Importing.Library;

/// <summary>One record of the curated reference library (seeds/reference-library.json), identifiers normalised.</summary>
public sealed record LibraryRecord
{
    public required string Id { get; init; }
    public required string RecordType { get; init; }
    public required StudyKind Kind { get; init; }
    public string? ShortLabel { get; init; }
    public required string Title { get; init; }
    public string? Authors { get; init; }
    public string? Journal { get; init; }
    public int? Year { get; init; }
    public string? Volume { get; init; }
    public string? Issue { get; init; }
    public string? Pages { get; init; }
    public string? Pmid { get; init; }
    public string? Pmcid { get; init; }
    public string? Doi { get; init; }
    public IReadOnlyList<string> NctIds { get; init; } = [];
    public string? Phase { get; init; }
    public string? Design { get; init; }
    public int? Participants { get; init; }
    public string? ParticipantsDetail { get; init; }
    public string? CellType { get; init; }
    public string? CellSource { get; init; }
    public string? Route { get; init; }
    public string? Dosing { get; init; }
    public string? MainResults { get; init; }

    /// <summary>The publication's abstract, when the library gives one (optional "abstract").</summary>
    public string? Abstract { get; init; }
    public IReadOnlyList<string> Unverified { get; init; } = [];
    public IReadOnlyList<string> VerifiedFrom { get; init; } = [];

    /// <summary>Slugs of <see cref="TherapyType.Taxonomy"/> derived from the cell type and source.</summary>
    public IReadOnlyList<string> TherapyTypes { get; init; } = [];
}

/// <summary>A registered trial assembled from the library records that name its NCT id.</summary>
public sealed record DerivedTrial
{
    public required string NctId { get; init; }
    public string? Title { get; init; }
    public TrialPhase? Phase { get; init; }
    public string? PhaseText { get; init; }
    public string? Design { get; init; }
    public int? Enrollment { get; init; }
    public string? Status { get; init; }
    public string? Sponsor { get; init; }
    public string? Intervention { get; init; }
    public IReadOnlyList<string> TherapyTypes { get; init; } = [];

    /// <summary>
    /// The title and enrolment come from a publication reporting the trial, not from its registry record: they fill an
    /// empty field but never replace what a registry import stored.
    /// </summary>
    public bool TitleFromPublication { get; init; }

    /// <inheritdoc cref="TitleFromPublication"/>
    public bool EnrollmentFromPublication { get; init; }

    /// <summary>Library ids of the records that report this trial (they become its linked studies).</summary>
    public IReadOnlyList<string> ReportedBy { get; init; } = [];

    /// <summary>For each fact, which record and field it was taken from.</summary>
    public IReadOnlyList<string> Provenance { get; init; } = [];
    public IReadOnlyList<string> Unverified { get; init; } = [];
}
