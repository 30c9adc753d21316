using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Interchange;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Importing;

/// <summary>The curated reference library (JSON): studies and the trials derived from them, the library's values authoritative (the mapping is <see cref="LibraryMapping"/>).</summary>
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
            var changed = LibraryMapping.Apply(record, study) | LibraryMapping.SetTherapyTypes(study.TherapyTypes, record.TherapyTypes, therapyTypes);
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
            var changed = LibraryMapping.Apply(derived, trial) | LibraryMapping.SetTherapyTypes(trial.TherapyTypes, derived.TherapyTypes, therapyTypes);
            CheckFieldLimits(trial, $"trial {derived.NctId}", json);
            changed |= LibraryMapping.Link(derived, trial, studyByRecord);
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
