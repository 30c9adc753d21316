using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using KnowledgeBase.Primitives;

namespace KnowledgeBase.Importing.Library;

/// <summary>
/// The one mapping from the curated reference library to entities: a <see cref="LibraryRecord"/> onto a
/// <see cref="Study"/>, a <see cref="DerivedTrial"/> onto a <see cref="Trial"/>, their therapy types, and the links
/// between a trial and the studies reporting it. The importer applies it to stored rows (so it reports what changed);
/// the tests build the seeds' entities with it, so they see what the importer stores.
/// </summary>
/// <remarks>
/// Every settable property of <see cref="Study"/> and <see cref="Trial"/> is either mapped here or listed in
/// <see cref="StudyPropertiesNotMapped"/> / <see cref="TrialPropertiesNotMapped"/> with the reason; a test fails when
/// a property is added to an entity and is neither, so a new field cannot be forgotten by the import.
/// </remarks>
public static class LibraryMapping
{
    /// <summary>Study properties the library does not set, and why.</summary>
    public static IReadOnlyDictionary<string, string> StudyPropertiesNotMapped { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(Study.Id)] = "the database's key",
        [nameof(Study.AuthorsTruncated)] = "the library writes complete author lists; set by reference-file imports that read \"et al.\"",
        [nameof(Study.Provenance)] = "library values are authoritative and need no provenance line; reference-file imports add them",
        [nameof(Study.ImportedAt)] = "set by the importer when the study is first stored",
        [nameof(Study.UpdatedAt)] = "set by the importer when the mapping changed something",
        [nameof(Study.Version)] = "the concurrency token, kept by the database",
        [nameof(Study.CellSourceFacet)] = "derived from the text fields by FacetClassifier on save",
        [nameof(Study.RouteFacet)] = "derived by FacetClassifier on save",
        [nameof(Study.EvidenceLevel)] = "derived by FacetClassifier on save",
        [nameof(Study.PhaseFacet)] = "derived by FacetClassifier on save",
        [nameof(Study.FacetsVersion)] = "derived by FacetClassifier on save",
        [nameof(Study.EvidenceLinks)] = "editors' links from claims, never imported",
        [nameof(Study.PublicationForm)] = "the library's records carry their kind (Kind); the form of publication comes from reference-file imports",
        [nameof(Study.Publisher)] = "not in the library; set by reference-file imports of books, reports and theses",
        [nameof(Study.PublisherPlace)] = "not in the library; set by reference-file imports of books, reports and theses",
    };

    /// <summary>Trial properties the library does not set, and why.</summary>
    public static IReadOnlyDictionary<string, string> TrialPropertiesNotMapped { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(Trial.Id)] = "the database's key",
        [nameof(Trial.NctId)] = "the trial's identity: the importer finds or creates the trial by it",
        [nameof(Trial.ResultsPosted)] = "only the registry says; set by a ClinicalTrials.gov import",
        [nameof(Trial.Summary)] = "the registry's text; set by a ClinicalTrials.gov import",
        [nameof(Trial.Conditions)] = "the registry's list; set by a ClinicalTrials.gov import",
        [nameof(Trial.Interventions)] = "the registry's list; set by a ClinicalTrials.gov import",
        [nameof(Trial.PrimaryOutcomes)] = "the registry's list; set by a ClinicalTrials.gov import",
        [nameof(Trial.ImportedAt)] = "set by the importer when the trial is first stored",
        [nameof(Trial.UpdatedAt)] = "set by the importer when the mapping changed something",
        [nameof(Trial.Version)] = "the concurrency token, kept by the database",
        [nameof(Trial.CellSourceFacet)] = "derived from Intervention by FacetClassifier on save",
        [nameof(Trial.RouteFacet)] = "derived by FacetClassifier on save",
        [nameof(Trial.EvidenceLevel)] = "derived from Design by FacetClassifier on save",
        [nameof(Trial.StatusFacet)] = "derived from Status by FacetClassifier on save",
        [nameof(Trial.FacetsVersion)] = "derived by FacetClassifier on save",
        [nameof(Trial.EvidenceLinks)] = "editors' links from claims, never imported",
    };

    /// <summary>The Study properties <see cref="Apply(LibraryRecord, Study)"/>, <see cref="SetTherapyTypes"/> and <see cref="Link"/> set, read by running the mapping.</summary>
    public static IReadOnlySet<string> StudyPropertiesMapped { get; } = new HashSet<string>(
        StudyUpdate(new LibraryRecord { Id = "", RecordType = "", Kind = default, Title = "" }, new Study { Title = "" }).Fields
            .Append(nameof(Study.TherapyTypes)).Append(nameof(Study.Trials)), StringComparer.Ordinal);

    /// <summary>The Trial properties <see cref="Apply(DerivedTrial, Trial)"/>, <see cref="SetTherapyTypes"/> and <see cref="Link"/> set, read by running the mapping.</summary>
    public static IReadOnlySet<string> TrialPropertiesMapped { get; } = new HashSet<string>(
        TrialUpdate(new DerivedTrial { NctId = "" }, new Trial { NctId = "" }).Fields
            .Append(nameof(Trial.TherapyTypes)).Append(nameof(Trial.Studies)), StringComparer.Ordinal);

    /// <summary>Copies a record onto a study (an empty value never erases a stored one); returns whether anything changed.</summary>
    public static bool Apply(LibraryRecord record, Study study) => StudyUpdate(record, study).Changed;

    /// <summary>Copies a derived trial onto a trial (a publication's title and enrolment only fill gaps); returns whether anything changed.</summary>
    public static bool Apply(DerivedTrial derived, Trial trial) => TrialUpdate(derived, trial).Changed;

    /// <summary>A new study from a record, its therapy types from <paramref name="therapyTypes"/> (by slug).</summary>
    public static Study ToStudy(LibraryRecord record, IReadOnlyDictionary<string, TherapyType> therapyTypes, DateTime importedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var study = new Study { Title = record.Title, ImportedAt = importedAt };
        Apply(record, study);
        SetTherapyTypes(study.TherapyTypes, record.TherapyTypes, therapyTypes);
        return study;
    }

    /// <summary>A new trial from a derived trial, its therapy types from <paramref name="therapyTypes"/> (by slug); link it with <see cref="Link"/>.</summary>
    public static Trial ToTrial(DerivedTrial derived, IReadOnlyDictionary<string, TherapyType> therapyTypes, DateTime importedAt)
    {
        ArgumentNullException.ThrowIfNull(derived);
        var trial = new Trial { NctId = derived.NctId, ImportedAt = importedAt };
        Apply(derived, trial);
        SetTherapyTypes(trial.TherapyTypes, derived.TherapyTypes, therapyTypes);
        return trial;
    }

    /// <summary>Sets the therapy types named by <paramref name="slugs"/> (an unknown slug is "other"); returns whether they changed.</summary>
    public static bool SetTherapyTypes(List<TherapyType> current, IReadOnlyList<string> slugs, IReadOnlyDictionary<string, TherapyType> bySlug)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(slugs);
        ArgumentNullException.ThrowIfNull(bySlug);
        var wanted = slugs.Select(s => bySlug.TryGetValue(s, out var t) ? t : bySlug[TherapyType.Other]).Distinct().ToList();
        if (current.Count == wanted.Count && current.All(wanted.Contains)) return false;
        current.Clear();
        current.AddRange(wanted);
        return true;
    }

    /// <summary>Links the trial with the studies reporting it (<see cref="DerivedTrial.ReportedBy"/>), both ways; returns whether a link was added.</summary>
    public static bool Link(DerivedTrial derived, Trial trial, IReadOnlyDictionary<string, Study> studyByRecordId)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(studyByRecordId);
        var changed = false;
        foreach (var recordId in derived.ReportedBy)
        {
            var study = studyByRecordId[recordId];
            if (!study.Trials.Contains(trial))
            {
                study.Trials.Add(trial);
                changed = true;
            }
            if (!trial.Studies.Contains(study)) trial.Studies.Add(study);
        }
        return changed;
    }

    private static FieldUpdate StudyUpdate(LibraryRecord r, Study s)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        var update = new FieldUpdate();
        update.Set(nameof(s.LibraryId), s.LibraryId, r.Id, v => s.LibraryId = v);
        update.Set(nameof(s.Kind), s.Kind, r.Kind, v => s.Kind = v);
        update.Set(nameof(s.RecordType), s.RecordType, r.RecordType, v => s.RecordType = v);
        update.Set(nameof(s.Title), s.Title, r.Title, v => s.Title = v);
        update.Set(nameof(s.ShortLabel), s.ShortLabel, r.ShortLabel, v => s.ShortLabel = v);
        update.Set(nameof(s.Authors), s.Authors, r.Authors, v => s.Authors = v);
        update.Set(nameof(s.Journal), s.Journal, r.Journal, v => s.Journal = v);
        update.Set(nameof(s.Year), s.Year, r.Year, v => s.Year = v);
        update.Set(nameof(s.Volume), s.Volume, r.Volume, v => s.Volume = v);
        update.Set(nameof(s.Issue), s.Issue, r.Issue, v => s.Issue = v);
        update.Set(nameof(s.Pages), s.Pages, r.Pages, v => s.Pages = v);
        update.Set(nameof(s.Doi), s.Doi, r.Doi, v => s.Doi = v);
        update.Set(nameof(s.Pmid), s.Pmid, r.Pmid, v => s.Pmid = v);
        update.Set(nameof(s.Pmcid), s.Pmcid, r.Pmcid, v => s.Pmcid = v);
        update.Set(nameof(s.PhaseText), s.PhaseText, r.Phase, v => s.PhaseText = v);
        update.Set(nameof(s.Design), s.Design, r.Design, v => s.Design = v);
        update.Set(nameof(s.Participants), s.Participants, r.Participants, v => s.Participants = v);
        update.Set(nameof(s.ParticipantsDetail), s.ParticipantsDetail, r.ParticipantsDetail, v => s.ParticipantsDetail = v);
        update.Set(nameof(s.CellType), s.CellType, r.CellType, v => s.CellType = v);
        update.Set(nameof(s.CellSource), s.CellSource, r.CellSource, v => s.CellSource = v);
        update.Set(nameof(s.Route), s.Route, r.Route, v => s.Route = v);
        update.Set(nameof(s.Dosing), s.Dosing, r.Dosing, v => s.Dosing = v);
        update.Set(nameof(s.MainResults), s.MainResults, r.MainResults, v => s.MainResults = v);
        update.Set(nameof(s.Abstract), s.Abstract, r.Abstract, v => s.Abstract = v);
        update.SetList(nameof(s.Unverified), s.Unverified, r.Unverified, v => s.Unverified = v);
        update.SetList(nameof(s.VerifiedFrom), s.VerifiedFrom, r.VerifiedFrom, v => s.VerifiedFrom = v);
        // The curators' author text stays the display string (their remarks are in it); the names are read from it.
        update.SetItems(nameof(s.AuthorNames), s.AuthorNames ?? [], BibRecordMapping.AuthorNamesIn(s.Authors, s.Kind == StudyKind.RegistryRecord),
            n => (n.Family, n.Given, n.Literal), v => s.AuthorNames = v);
        return update;
    }

    private static FieldUpdate TrialUpdate(DerivedTrial d, Trial t)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(t);
        var update = new FieldUpdate();
        if (d.TitleFromPublication) update.FillGap(nameof(t.Title), t.Title, d.Title, v => t.Title = v);
        else update.Set(nameof(t.Title), t.Title, d.Title, v => t.Title = v);
        update.Set(nameof(t.Phase), t.Phase, d.Phase, v => t.Phase = v);
        update.Set(nameof(t.PhaseText), t.PhaseText, d.PhaseText, v => t.PhaseText = v);
        update.Set(nameof(t.Design), t.Design, d.Design, v => t.Design = v);
        if (d.EnrollmentFromPublication) update.FillGap(nameof(t.Enrollment), t.Enrollment, d.Enrollment, v => t.Enrollment = v);
        else update.Set(nameof(t.Enrollment), t.Enrollment, d.Enrollment, v => t.Enrollment = v);
        update.Set(nameof(t.Status), t.Status, d.Status, v => t.Status = v);
        update.Set(nameof(t.Sponsor), t.Sponsor, d.Sponsor, v => t.Sponsor = v);
        update.Set(nameof(t.Intervention), t.Intervention, d.Intervention, v => t.Intervention = v);
        update.AddMissing(nameof(t.Provenance), t.Provenance, d.Provenance);
        update.SetList(nameof(t.Unverified), t.Unverified, d.Unverified, v => t.Unverified = v);
        return update;
    }
}
