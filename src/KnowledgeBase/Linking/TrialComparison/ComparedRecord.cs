using KnowledgeBase.Domain;

namespace KnowledgeBase.Linking.TrialComparison;

/// <summary>Whether a claim is held against a registered trial or against a publication that reports no trial.</summary>
public enum ComparedRecordKind
{
    Trial,
    Study,
}

/// <summary>Whether a record's results are available, as far as the record says.</summary>
public enum ResultsState
{
    /// <summary>The record does not say.</summary>
    Unknown,

    /// <summary>The record says there are none ("No results", a registration without results, not yet recruiting).</summary>
    None,

    /// <summary>Results are reported: registry results or a publication's main results.</summary>
    Reported,
}

/// <summary>A field of a trial record that a re-import of the registry's record changed: "Status", "Enrollment".</summary>
public sealed record RegistryChange(string Field, string? Before, string? After, DateTime At);

/// <summary>A publication reporting the compared trial (or the compared study itself): the facts it states.</summary>
public sealed record ReportFacts(
    int StudyId,
    string Label,
    string? RecordType,
    StudyKind Kind,
    int? Participants,
    string? ParticipantsDetail,
    string? MainResults,
    string? Design,
    string? PhaseText,
    string? Authors = null);

/// <summary>
/// What a claim is compared with: a trial's registry fields plus what the publications reporting it say, or a study
/// that reports no trial. Built from the entities by <see cref="From(Trial)"/> / <see cref="From(Study)"/>; pure data.
/// </summary>
public sealed record ComparedRecord
{
    public required ComparedRecordKind Kind { get; init; }

    /// <summary>The trial's or study's id in the knowledge base.</summary>
    public required int Id { get; init; }

    public string? NctId { get; init; }

    /// <summary>"NCT03280056" or the study's short label.</summary>
    public required string Label { get; init; }

    public string? Title { get; init; }
    public TrialPhase? Phase { get; init; }
    public string? PhaseText { get; init; }
    public int? Enrollment { get; init; }
    public string? Status { get; init; }

    /// <summary>Whether the registry holds posted results; null when the record does not say.</summary>
    public bool? ResultsPosted { get; init; }
    public string? Sponsor { get; init; }
    public string? Intervention { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Interventions { get; init; } = [];
    public IReadOnlyList<string> PrimaryOutcomes { get; init; } = [];

    /// <summary>The publications reporting the trial (for a study: the study itself).</summary>
    public IReadOnlyList<ReportFacts> Reports { get; init; } = [];

    /// <summary>Facts the record's curators could not confirm, verbatim (a trial's are prefixed with the library record id).</summary>
    public IReadOnlyList<string> Unverified { get; init; } = [];

    /// <summary>Changes of the registry's status or enrolment brought by a re-import since the claim was linked, oldest first.</summary>
    public IReadOnlyList<RegistryChange> RegistryChanges { get; init; } = [];

    public static ComparedRecord From(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var reports = trial.Studies.OrderBy(s => s.Id).Select(ReportOf).ToList();
        return new ComparedRecord
        {
            Kind = ComparedRecordKind.Trial,
            Id = trial.Id,
            NctId = trial.NctId,
            Label = trial.NctId,
            Title = trial.Title,
            Phase = trial.Phase,
            PhaseText = trial.PhaseText,
            Enrollment = trial.Enrollment,
            Status = trial.Status,
            ResultsPosted = trial.ResultsPosted,
            Sponsor = trial.Sponsor,
            Intervention = trial.Intervention,
            Summary = trial.Summary,
            Interventions = trial.Interventions,
            PrimaryOutcomes = trial.PrimaryOutcomes,
            Reports = reports,
            Unverified = [.. trial.Unverified.Concat(trial.Studies.SelectMany(s => s.Unverified.Select(u => Prefixed(s, u)))).Distinct(StringComparer.Ordinal)],
        };
    }

    public static ComparedRecord From(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new ComparedRecord
        {
            Kind = ComparedRecordKind.Study,
            Id = study.Id,
            Label = study.ShortLabel ?? study.Title,
            Title = study.Title,
            Phase = study.PhaseFacet,
            PhaseText = study.PhaseText,
            Enrollment = study.Participants,
            Intervention = string.Join(", ", new[] { study.CellType, study.Route }.Where(p => !string.IsNullOrWhiteSpace(p))),
            Reports = [ReportOf(study)],
            Unverified = study.Unverified,
        };
    }

    private static ReportFacts ReportOf(Study s) =>
        new(s.Id, s.ShortLabel ?? s.Title, s.RecordType, s.Kind, s.Participants, s.ParticipantsDetail, s.MainResults, s.Design, s.PhaseText, s.Authors);

    private static string Prefixed(Study s, string note) => s.LibraryId is { } id ? $"{id}: {note}" : note;

    /// <summary>Every text of the record that may name products, sponsors or regulatory facts.</summary>
    internal IEnumerable<string?> AllTexts() =>
        new[] { Title, Label, Sponsor, Intervention, Summary, PhaseText }
            .Concat(Interventions)
            .Concat(PrimaryOutcomes)
            .Concat(Reports.SelectMany(r => new[] { r.Label, r.Authors, r.MainResults, r.Design, r.ParticipantsDetail }));
}
