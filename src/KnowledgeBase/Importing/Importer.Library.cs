using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Interchange;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>The curated reference library (JSON): studies and the trials derived from them, the library's values authoritative.</summary>
public sealed partial class Importer
{
    private async Task ImportLibraryAsync(string json, FileImportResult result, NewSourceRows rows, CancellationToken ct)
    {
        var records = ReferenceLibraryParser.Parse(json);
        result.RecordsRead = records.Count;
        var derivedTrials = TrialDeriver.Derive(records);
        var now = clock.GetUtcNow().UtcDateTime;
        var therapyTypes = await db.TherapyTypes.ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, ct);
        var known = new KnownStudies(await db.Studies.Include(s => s.TherapyTypes).Include(s => s.Trials).OrderBy(s => s.Id).ToListAsync(ct));
        var trials = await db.Trials.Include(t => t.TherapyTypes).ToListAsync(ct);

        var studyByRecord = new Dictionary<string, Study>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var study = FindStudy(known, record);
            var isNew = study is null;
            study ??= new Study { Title = record.Title, ImportedAt = now };
            var changed = Apply(record, study) | SetTherapyTypes(study.TherapyTypes, record.TherapyTypes, therapyTypes);
            CheckFieldLimits(study, $"record {record.Id}", json, record.Id);
            if (isNew)
            {
                db.Studies.Add(study);
                result.StudiesAdded++;
            }
            else if (changed)
            {
                study.UpdatedAt = now;
                result.StudiesUpdated++;
            }
            else
            {
                result.StudiesUnchanged++;
            }
            known.Add(study); // identifiers the record set (or a new study) find it for the records after it
            studyByRecord[record.Id] = study;
        }

        foreach (var derived in derivedTrials)
        {
            var trial = trials.FirstOrDefault(t => t.NctId == derived.NctId);
            var isNew = trial is null;
            trial ??= new Trial { NctId = derived.NctId, ImportedAt = now };
            var changed = Apply(derived, trial) | SetTherapyTypes(trial.TherapyTypes, derived.TherapyTypes, therapyTypes);
            CheckFieldLimits(trial, $"trial {derived.NctId}", json);
            foreach (var recordId in derived.ReportedBy)
            {
                var study = studyByRecord[recordId];
                if (!study.Trials.Contains(trial))
                {
                    study.Trials.Add(trial);
                    changed = true;
                }
            }
            if (isNew)
            {
                db.Trials.Add(trial);
                trials.Add(trial);
                result.TrialsAdded++;
            }
            else if (changed)
            {
                trial.UpdatedAt = now;
                result.TrialsUpdated++;
            }
            else
            {
                result.TrialsUnchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        await ResolveDanglingReferencesAsync(rows, ct);
    }

    /// <summary>
    /// A record is the stored study its library id, DOI or PMID names (<see cref="StudyMatching"/>); when those point at
    /// two different studies the file is rejected rather than merged silently.
    /// </summary>
    private static Study? FindStudy(KnownStudies known, LibraryRecord record)
    {
        var match = StudyMatching.Find(known.ByLibraryId(record.Id), known.ByDoi(record.Doi), known.ByPmid(record.Pmid));
        if (!match.IsConflict) return match.Study;
        throw new ImportFormatException(
            $"its identifiers match {match.Candidates.Count} different studies already in the knowledge base ({string.Join(", ", match.Candidates.Select(c => c.LibraryId ?? c.Title))}); resolve the duplicate by hand",
            null, record.Id);
    }

    /// <summary>The stored studies (and the ones this file adds) by each identifier, so matching a record is three dictionary lookups.</summary>
    private sealed class KnownStudies
    {
        private readonly Dictionary<string, Study> byLibraryId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Study> byDoi = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Study> byPmid = new(StringComparer.Ordinal);

        public KnownStudies(IEnumerable<Study> studies)
        {
            foreach (var study in studies) Add(study);
        }

        /// <summary>Registers a study under its identifiers; the first study with an identifier keeps it, as the scan in id order found it.</summary>
        public void Add(Study study)
        {
            if (study.LibraryId is { } id) byLibraryId.TryAdd(id, study);
            if (study.Doi is { } doi) byDoi.TryAdd(doi, study);
            if (study.Pmid is { } pmid) byPmid.TryAdd(pmid, study);
        }

        public Study? ByLibraryId(string id) => byLibraryId.GetValueOrDefault(id);

        public Study? ByDoi(string? doi) => doi is null ? null : byDoi.GetValueOrDefault(doi);

        public Study? ByPmid(string? pmid) => pmid is null ? null : byPmid.GetValueOrDefault(pmid);
    }

    /// <summary>Copies a record onto a study; returns whether anything changed.</summary>
    private static bool Apply(LibraryRecord r, Study s)
    {
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
        var names = BibRecordMapping.AuthorNamesIn(s.Authors, s.Kind == StudyKind.RegistryRecord);
        var changed = update.Changed;
        if (!names.Select(Key).SequenceEqual((s.AuthorNames ?? []).Select(Key)))
        {
            s.AuthorNames = names;
            changed = true;
        }

        return changed;

        static (string?, string?, string?) Key(AuthorName n) => (n.Family, n.Given, n.Literal);
    }

    private static bool Apply(DerivedTrial d, Trial t)
    {
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
        return update.Changed;
    }

    private static bool SetTherapyTypes(List<TherapyType> current, IReadOnlyList<string> slugs, Dictionary<string, TherapyType> bySlug)
    {
        var wanted = slugs.Select(s => bySlug.TryGetValue(s, out var t) ? t : bySlug[TherapyType.Other]).Distinct().ToList();
        if (current.Count == wanted.Count && current.All(wanted.Contains)) return false;
        current.Clear();
        current.AddRange(wanted);
        return true;
    }

    /// <summary>
    /// Article references imported before the library get their study or trial once it arrives, looked up by the same
    /// prepared commands new articles' references use (<see cref="NewSourceRows"/>), not two fresh queries a reference.
    /// </summary>
    private async Task ResolveDanglingReferencesAsync(NewSourceRows rows, CancellationToken ct)
    {
        var dangling = await db.SourceReferences
            .Where(r => (r.StudyId == null && (r.Pmid != null || r.Doi != null)) || (r.TrialId == null && r.NctId != null))
            .ToListAsync(ct);
        if (dangling.Count == 0) return;
        rows.Enlist();
        foreach (var reference in dangling)
        {
            reference.StudyId ??= await rows.StudyIdAsync(reference.Pmid, reference.Doi, ct);
            reference.TrialId ??= await rows.TrialIdAsync(reference.NctId, ct);
        }
    }
}
