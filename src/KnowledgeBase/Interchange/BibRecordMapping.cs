using KnowledgeBase.Domain;
using KnowledgeBase.Linking;

namespace KnowledgeBase.Interchange;

/// <summary>Turns the knowledge base's studies and trials into format-neutral records for export.</summary>
public static class BibRecordMapping
{
    /// <summary>
    /// A study as a bibliographic record. Facts the curators could not confirm are named in the
    /// record's note ("Not confirmed: ..."), so an exported reference never passes them off as confirmed.
    /// Reads the study's <see cref="Study.Trials"/> when loaded.
    /// </summary>
    public static BibRecord FromStudy(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var people = AuthorNames.People(study.Authors);
        var organisations = people.Count == 0 ? AuthorNames.Organisations(study.Authors) : [];
        return new BibRecord
        {
            Kind = BibRecordKind.Publication,
            SourceKey = study.LibraryId,
            Title = study.Title,
            Authors = people.Select(p => new PersonName(p.Family, DottedInitials(p.Initials))).ToList(),
            CorporateAuthor = organisations.Count > 0 ? organisations[0] : null,
            AuthorsTruncated = people.Count > 0 && AuthorNames.IsTruncated(study.Authors),
            Journal = IsRealJournal(study.Journal) ? study.Journal : null,
            Year = study.Year,
            Volume = study.Volume,
            Issue = study.Issue,
            Pages = study.Pages,
            Doi = study.Doi,
            Pmid = study.Pmid,
            Pmcid = study.Pmcid,
            NctIds = study.Trials.Select(t => t.NctId).Order(StringComparer.Ordinal).ToList(),
            Url = study.Doi is not null ? $"https://doi.org/{study.Doi}"
                : study.Pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{study.Pmid}/"
                : null,
            PublicationType = PublicationTypeOf(study.Kind),
            Note = study.Unverified.Count == 0 ? null : "Not confirmed: " + string.Join("; ", study.Unverified),
        };
    }

    /// <summary>A registered trial as a record pointing at its ClinicalTrials.gov entry.</summary>
    public static BibRecord FromTrial(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new BibRecord
        {
            Kind = BibRecordKind.RegisteredTrial,
            SourceKey = trial.NctId,
            Title = trial.Title ?? $"Registered clinical trial {trial.NctId}",
            CorporateAuthor = trial.Sponsor,
            NctIds = [trial.NctId],
            Url = $"https://clinicaltrials.gov/study/{trial.NctId}",
            PublicationType = "Registered clinical trial",
            Phase = trial.Phase,
            PhaseText = trial.PhaseText,
            Status = trial.Status,
            Enrollment = trial.Enrollment,
            Sponsor = trial.Sponsor,
            Design = trial.Design,
            Interventions = trial.Intervention is null ? [] : [trial.Intervention],
            Note = trial.Unverified.Count == 0 ? null : "Not confirmed: " + string.Join("; ", trial.Unverified),
        };
    }

    private static string DottedInitials(string initials) => string.Join(' ', initials.Select(c => c + "."));

    // The library records registry entries and press coverage with a "journal" that is not one.
    private static bool IsRealJournal(string? journal) =>
        !string.IsNullOrWhiteSpace(journal)
        && !journal.Contains("ClinicalTrials.gov", StringComparison.OrdinalIgnoreCase)
        && !journal.Contains("abstract", StringComparison.OrdinalIgnoreCase);

    private static string PublicationTypeOf(StudyKind kind) => kind switch
    {
        StudyKind.TrialReport => "Clinical Trial",
        StudyKind.TrialProtocol => "Clinical Trial Protocol",
        StudyKind.ObservationalStudy => "Observational Study",
        StudyKind.SystematicReview => "Systematic Review",
        StudyKind.NarrativeReview => "Review",
        StudyKind.Survey => "Survey",
        StudyKind.PressRelease => "Press Release",
        StudyKind.RegulatoryDecision => "Regulatory Document",
        StudyKind.RegistryRecord => "Registry Record",
        _ => "Journal Article",
    };
}
