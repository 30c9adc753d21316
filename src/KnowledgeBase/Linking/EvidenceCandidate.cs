using KnowledgeBase.Domain;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Linking;

/// <summary>Whether a candidate is a publication or a registered trial.</summary>
public enum EvidenceKind
{
    Study,
    Trial,
}

/// <summary>
/// What the evidence suggester knows of one study or trial: the facts an article can cite it by.
/// Built from the entities with <see cref="FromStudy"/> and <see cref="FromTrial"/>; tests and tools may
/// also build one directly.
/// </summary>
public sealed record EvidenceCandidate
{
    public required EvidenceKind Kind { get; init; }

    /// <summary>The database id of the study or trial.</summary>
    public required int Id { get; init; }

    /// <summary>The title; for a registered trial without one, its NCT id.</summary>
    public required string Title { get; init; }

    /// <summary>Personal author surnames, first author first.</summary>
    public IReadOnlyList<string> AuthorSurnames { get; init; } = [];

    /// <summary>Given names the author text states ("first author given name: Ammar", "PI Nathan P. Staff").</summary>
    public IReadOnlyList<string> AuthorGivenNames { get; init; } = [];

    public int? Year { get; init; }
    public string? Journal { get; init; }
    public string? Doi { get; init; }
    public string? Pmid { get; init; }

    /// <summary>The registered trials: the trial's own id, or the ids of the trials a study reports.</summary>
    public IReadOnlyList<string> NctIds { get; init; } = [];

    public TrialPhase? Phase { get; init; }
    public string? PhaseText { get; init; }

    /// <summary>Participants of a study, enrolment of a trial.</summary>
    public int? Participants { get; init; }
    public string? ParticipantsDetail { get; init; }

    /// <summary>Product, code, sponsor and short-label names the record can be cited by ("NurOwn", "MSC-NTF", "BrainStorm").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What kind of publication a study is; null for a registered trial.</summary>
    public StudyKind? Publication { get; init; }

    /// <summary>
    /// Work still under way: a trial recruiting, enrolling or active, or a study that is a registration or protocol
    /// without results yet.
    /// </summary>
    public bool Ongoing { get; init; }

    /// <summary>Other searchable text: cell type and source, route, design, dosing, main results.</summary>
    public string? Text { get; init; }

    /// <summary>A short name for lists: the library id or NCT id and the title.</summary>
    public string Label { get; init; } = "";

    public static EvidenceCandidate FromStudy(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var trials = study.Trials ?? [];
        var organisations = AuthorNames.Organisations(study.Authors);
        var aliases = ProductAliases.Find(study.Title, study.ShortLabel, study.CellType)
            .Concat(organisations.SelectMany(ProductAliases.FromOrganisation))
            .DistinctBy(ProductAliases.Compact, StringComparer.Ordinal)
            .ToList();

        return new EvidenceCandidate
        {
            Kind = EvidenceKind.Study,
            Id = study.Id,
            Title = study.Title,
            AuthorSurnames = AuthorNames.Surnames(study.Authors),
            AuthorGivenNames = AuthorNames.GivenNames(study.Authors),
            Year = study.Year,
            Journal = study.Journal,
            Doi = Identifiers.NormalizeDoi(study.Doi),
            Pmid = Identifiers.NormalizePmid(study.Pmid),
            NctIds = trials.Select(t => Identifiers.NormalizeNct(t.NctId)).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            Phase = TrialPhaseOf(study.PhaseText),
            PhaseText = study.PhaseText,
            Participants = study.Participants,
            ParticipantsDetail = study.ParticipantsDetail,
            Aliases = aliases,
            Publication = study.Kind,
            Ongoing = study.Kind is StudyKind.RegistryRecord or StudyKind.TrialProtocol,
            Text = Join(study.CellType, study.CellSource, study.Route, study.Design, study.Dosing, study.MainResults),
            Label = string.IsNullOrEmpty(study.LibraryId) ? study.Title : $"{study.LibraryId} {study.ShortLabel ?? study.Title}",
        };
    }

    public static EvidenceCandidate FromTrial(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var studies = trial.Studies ?? [];
        var aliases = ProductAliases.Find(trial.Title, trial.Intervention)
            .Concat(ProductAliases.FromOrganisation(trial.Sponsor))
            .Concat(studies.SelectMany(s => ProductAliases.Find(s.ShortLabel, s.CellType)))
            .DistinctBy(ProductAliases.Compact, StringComparer.Ordinal)
            .ToList();
        var nct = Identifiers.NormalizeNct(trial.NctId) ?? trial.NctId;

        return new EvidenceCandidate
        {
            Kind = EvidenceKind.Trial,
            Id = trial.Id,
            Title = string.IsNullOrWhiteSpace(trial.Title) ? nct : trial.Title,
            NctIds = [nct],
            Phase = trial.Phase,
            PhaseText = trial.PhaseText,
            Participants = trial.Enrollment,
            ParticipantsDetail = Join(studies.Select(s => s.ParticipantsDetail).ToArray()),
            Aliases = aliases,
            Ongoing = trial.StatusFacet is TrialStatusFacet.NotYetRecruiting or TrialStatusFacet.Recruiting
                or TrialStatusFacet.EnrollingByInvitation or TrialStatusFacet.ActiveNotRecruiting,
            Text = Join([trial.Design, trial.Intervention, trial.Status, trial.Sponsor,
                .. studies.SelectMany(s => new[] { s.CellType, s.CellSource, s.Route, s.Dosing })]),
            Label = string.IsNullOrWhiteSpace(trial.Title) ? nct : $"{nct} {trial.Title}",
        };
    }

    /// <summary>
    /// The ClinicalTrials.gov phase of a study whose phase field is a phase ("Phase 1", "Phase 3b"); null when it
    /// names several or only mentions one ("Expanded access (post phase 3)").
    /// </summary>
    private static TrialPhase? TrialPhaseOf(string? phaseText)
    {
        var phases = PhaseMention.FindAll(phaseText);
        if (phases.Count != 1 || !phaseText!.TrimStart().StartsWith(phases[0].Text.Split(' ')[0], StringComparison.OrdinalIgnoreCase)) return null;
        var p = phases[0];
        if (p.Early) return p is { Low: 1, High: 1 } ? TrialPhase.EarlyPhase1 : null;
        return TrialPhases.FromRange(p.Low, p.High);
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return present.Count == 0 ? null : string.Join(" | ", present);
    }
}
