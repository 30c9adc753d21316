using System.Globalization;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange.Parsing;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
using KnowledgeBase.Classification;
namespace KnowledgeBase.Interchange;

/// <summary>
/// Brings RIS, BibTeX, CSL-JSON, MEDLINE and ClinicalTrials.gov records into the library.
/// Matching: DOI or PMID for publications, NCT id for trials (all normalised). A record whose
/// identifiers point at two different records, or at a record with a different identifier of the
/// same kind, is a conflict and is skipped; a record without a shared identifier whose title, year
/// and first author match an existing one is a possible duplicate and is skipped too: an editor
/// decides. A matched record only fills fields that are empty: curated values are never overwritten.
/// </summary>
public sealed class BibliographyImporter(KnowledgeBaseDbContext db, TimeProvider clock)
{
    /// <summary>What the file would do, without changing anything.</summary>
    public Task<ImportPlan> PreviewAsync(string fileName, string text, CancellationToken ct = default) =>
        RunAsync(fileName, text, apply: false, ct);

    /// <summary>Imports the file in one transaction and returns what it did; <paramref name="decisions"/> says what to do with possible duplicates.</summary>
    public Task<ImportPlan> ApplyAsync(string fileName, string text, DuplicateDecisions? decisions = null, CancellationToken ct = default) =>
        RunAsync(fileName, text, apply: true, ct, decisions ?? DuplicateDecisions.None);

    private async Task<ImportPlan> RunAsync(string fileName, string text, bool apply, CancellationToken ct, DuplicateDecisions? decisions = null)
    {
        decisions ??= DuplicateDecisions.None;
        var format = BibFormatDetector.Detect(text, fileName)
            ?? throw new KnowledgeBase.Primitives.ImportFormatException("not a reference file this knowledge base reads (RIS, BibTeX, CSL-JSON, PubMed MEDLINE/.nbib or ClinicalTrials.gov JSON)");
        var parsed = BibParsers.Parse(text, format);
        var plan = new ImportPlan(fileName, format);
        plan.Errors.AddRange(parsed.Errors);

        // No transaction while the plan is computed: a preview only reads, and on SQLite a transaction begun
        // here would take the write lock (BEGIN IMMEDIATE) and hold every other editor's save for the whole
        // plan. The writes are one transaction at the end (or the caller's, which this joins).
        var now = clock.GetUtcNow().UtcDateTime;
        var provenance = string.Create(CultureInfo.InvariantCulture, $"imported from {fileName} ({format.DisplayName()}) on {now:yyyy-MM-dd}");
        var therapyTypes = await db.TherapyTypes.ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, ct);
        var known = await KnownRecords.LoadAsync(db, parsed.Entries.Select(e => e.Record).ToList(), ct);
        var studies = new List<(BibRecord Record, Study Study)>();
        var trials = new List<(BibRecord Record, Trial Trial)>();

        foreach (var (record, line) in parsed.Entries)
        {
            ct.ThrowIfCancellationRequested();
            var planned = plan.Records.Count;
            if (record.Kind == BibRecordKind.RegisteredTrial)
            {
                if (PlanTrial(record, line, plan, provenance, therapyTypes, now, known) is { } trial) trials.Add((record, trial));
            }
            else if (await PlanStudyAsync(record, line, plan, provenance, therapyTypes, now, decisions, known, ct) is { } study)
            {
                studies.Add((record, study));
            }

            // The editor checks a record by its authors, year, journal and identifiers, not its title alone.
            for (var i = planned; i < plan.Records.Count; i++) plan.Records[i] = plan.Records[i] with { Record = record };
        }

        Link(studies, trials, plan, provenance, therapyTypes, now, known);
        if (apply)
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        else
        {
            db.ChangeTracker.Clear(); // a preview leaves nothing behind
        }
        return plan;
    }

    private async Task<Study?> PlanStudyAsync(BibRecord r, int line, ImportPlan plan, string provenance, Dictionary<string, TherapyType> therapyTypes, DateTime now, DuplicateDecisions decisions, KnownRecords known, CancellationToken ct)
    {
        var label = r.Title ?? r.Doi ?? r.Pmid ?? "(untitled)";
        if (string.IsNullOrWhiteSpace(r.Title))
        {
            plan.Errors.Add(new EntryError(line, r.SourceKey, "the record has no title"));
            return null;
        }
        var probe = new Study { Title = r.Title };
        FillStudy(probe, r);
        if (!FitsColumns(probe, r, line, plan)) return null;
        // The stored studies the file names and the ones added earlier in this same file, by identifier.
        // The same matching rules as the curated library's (StudyMatching); a reference file then only fills gaps.
        var byDoi = known.StudyByDoi(r.Doi);
        var byPmid = known.StudyByPmid(r.Pmid);
        var match = StudyMatching.Find(byDoi, byPmid);
        if (match.IsConflict)
        {
            plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.Conflict, null,
                [$"its DOI matches study {byDoi!.Id} and its PMID study {byPmid!.Id}: merge them by hand first"]));
            return null;
        }
        if (match.Study is { } existing)
        {
            if (StudyMatching.IdentifierClash(existing, r.Doi, r.Pmid) is { } clash)
            {
                plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.Conflict, existing.Id,
                    [$"matches study {existing.Id} by one identifier but has a different {clash}: not merged"]));
                return null;
            }
            var changes = FillStudy(existing, r);
            CutToColumns(existing, existing.Provenance, r, line, plan);
            if (changes.Count > 0)
            {
                existing.UpdatedAt = now;
                existing.Provenance.Add(provenance);
                known.Add(existing); // a filled-in identifier finds it from now on
            }
            plan.Records.Add(new PlannedRecord(line, r.Kind, label, changes.Count > 0 ? PlannedAction.Update : PlannedAction.Unchanged, existing.Id, changes));
            return existing;
        }

        var firstAuthor = r.Authors.Count > 0 ? r.Authors[0].Family : null;
        var duplicate = await known.PossibleDuplicateAsync(db, r.Title, r.Year, firstAuthor, ct);
        if (duplicate is not null && !decisions.AddAsNew.Contains(line))
        {
            var twin = await db.Studies.Include(s => s.Trials).SingleAsync(s => s.Id == duplicate.Value.Id, ct);
            var differentIds = (r.Doi is not null && twin.Doi is not null) || (r.Pmid is not null && twin.Pmid is not null);
            if (decisions.Merge.Contains(line) && !differentIds)
            {
                var merged = FillStudy(twin, r);
                CutToColumns(twin, twin.Provenance, r, line, plan);
                known.Add(twin);
                twin.UpdatedAt = now;
                twin.Provenance.Add($"{provenance}: merged by the editor (same title, year and first author)");
                plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.Update, twin.Id, ["merged into this study by the editor", .. merged]));
                return twin;
            }
            plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.PossibleDuplicate, twin.Id,
                [differentIds
                    ? $"same title, year and first author as study {twin.Id} (“{twin.Title}”) but a different identifier: not merged; add it as new if it is a different publication"
                    : $"same title, year and first author as study {twin.Id} (“{twin.Title}”), which has no identifier in common with it"])
            {
                CanMerge = !differentIds,
            });
            return null;
        }

        var study = new Study { Title = r.Title, Kind = KindOf(r.PublicationType), ImportedAt = now, Provenance = [provenance] };
        FillStudy(study, r);
        CutToColumns(study, study.Provenance, r, line, plan);
        study.TherapyTypes.AddRange(TherapyClassifier.Classify(string.Join("; ", new[] { r.Title }.Concat(r.Keywords)), null)
            .Select(slug => therapyTypes[slug]));
        db.Studies.Add(study);
        known.Add(study);
        plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.Add, null, []));
        return study;
    }

    private Trial? PlanTrial(BibRecord r, int line, ImportPlan plan, string provenance, Dictionary<string, TherapyType> therapyTypes, DateTime now, KnownRecords known)
    {
        var nct = r.NctIds.Count > 0 ? r.NctIds[0] : null;
        if (nct is null)
        {
            plan.Errors.Add(new EntryError(line, r.SourceKey, "the registry record has no NCT id"));
            return null;
        }
        var probe = new Trial { NctId = nct };
        FillTrial(probe, r);
        if (!FitsColumns(probe, r, line, plan)) return null;
        var label = r.Title is null ? nct : $"{nct}: {r.Title}";
        var existing = known.TrialByNct(nct);
        if (existing is not null)
        {
            var changes = FillTrial(existing, r, fromRegistry: plan.Format == BibFormat.ClinicalTrialsGov);
            CutToColumns(existing, existing.Provenance, r, line, plan);
            if (changes.Count > 0)
            {
                existing.UpdatedAt = now;
                existing.Provenance.Add(provenance);
            }
            plan.Records.Add(new PlannedRecord(line, r.Kind, label, changes.Count > 0 ? PlannedAction.Update : PlannedAction.Unchanged, existing.Id, changes));
            return existing;
        }
        var trial = new Trial { NctId = nct, ImportedAt = now, Provenance = [provenance] };
        FillTrial(trial, r);
        CutToColumns(trial, trial.Provenance, r, line, plan);
        trial.TherapyTypes.AddRange(TherapyClassifier.ClassifyTrial(r.Title, r.Interventions).Select(slug => therapyTypes[slug]));
        db.Trials.Add(trial);
        known.Add(trial);
        plan.Records.Add(new PlannedRecord(line, r.Kind, label, PlannedAction.Add, null, []));
        return trial;
    }

    /// <summary>Values never cut to fit: an identifier cut short names another record, and an over-long abstract or summary is a pasted full text (decision 0019).</summary>
    private static readonly HashSet<string> NeverCut = new(StringComparer.Ordinal) { "Doi", "Pmid", "Pmcid", "NctId", "Abstract", "Summary" };

    /// <summary>
    /// A record with an identifier, abstract or summary longer than its column (checked on a blank study or trial filled
    /// from it) is an entry error naming its line, on both providers alike, instead of failing the whole file when
    /// PostgreSQL refuses the value. Any other over-long value is cut to fit by <see cref="CutToColumns"/>.
    /// </summary>
    private bool FitsColumns(object probe, BibRecord r, int line, ImportPlan plan)
    {
        if (FieldLimits.Violations(db.Model, probe).FirstOrDefault(v => NeverCut.Contains(v.Property)) is not { } violation) return true;
        plan.Errors.Add(new EntryError(line, r.SourceKey, violation.Describe("the record")));
        return false;
    }

    /// <summary>
    /// Keeps a record whose value is longer than its column (an Ovid export's 105-character issue): the column gets its
    /// first characters, the whole value is kept in the record's provenance, and the file's report warns with the line.
    /// </summary>
    private void CutToColumns(object entity, List<string> provenance, BibRecord r, int line, ImportPlan plan)
    {
        foreach (var violation in FieldLimits.Violations(db.Model, entity).ToList())
        {
            entity.GetType().GetProperty(violation.Property)!.SetValue(entity, violation.Value[..violation.MaxLength]);
            provenance.Add(string.Create(CultureInfo.InvariantCulture,
                $"{violation.PropertyWords} cut to the {violation.MaxLength:N0} characters stored; as imported ({violation.Value.Length:N0} characters): {violation.Value}"));
            plan.Warnings.Add(new EntryError(line, r.SourceKey, string.Create(CultureInfo.InvariantCulture,
                $"the {violation.PropertyWords} is {violation.Value.Length:N0} characters long; its first {violation.MaxLength:N0} are stored and the whole value is kept in the record's provenance")));
        }
    }

    /// <summary>Publications name their trials (MEDLINE SI, CSL/RIS notes); registries name their publications' PMIDs.</summary>
    private void Link(List<(BibRecord Record, Study Study)> studies, List<(BibRecord Record, Trial Trial)> trials, ImportPlan plan, string provenance, Dictionary<string, TherapyType> therapyTypes, DateTime now, KnownRecords known)
    {
        foreach (var (record, study) in studies)
        {
            foreach (var nct in record.NctIds)
            {
                var trial = known.TrialByNct(nct);
                if (trial is null)
                {
                    trial = new Trial { NctId = nct, ImportedAt = now, Provenance = [$"{provenance}: named by “{study.Title}”"] };
                    db.Trials.Add(trial);
                    known.Add(trial);
                }
                if (!study.Trials.Contains(trial))
                {
                    study.Trials.Add(trial);
                    plan.Links.Add($"“{study.Title}” reports {nct}");
                }
            }
        }
        foreach (var (record, trial) in trials)
        {
            foreach (var pmid in record.ReferencedPmids)
            {
                var study = known.StudyByPmid(pmid);
                if (study is null && record.ListedPublications.FirstOrDefault(p => p.Pmid == pmid) is { } listed)
                    study = AddListedPublication(listed, trial, provenance, therapyTypes, now, plan, known);
                if (study is null || study.Trials.Contains(trial)) continue;
                study.Trials.Add(trial);
                plan.Links.Add($"PMID {pmid} (“{study.Title}”) reports {trial.NctId}");
            }
        }
    }

    /// <summary>
    /// A publication the registry lists as reporting a trial, not yet in the library: added from the registry's citation
    /// (title, authors, journal and year read from its text, the whole text as the title when it has no such shape),
    /// with its PMID, and marked as not checked against PubMed.
    /// </summary>
    private Study AddListedPublication(ListedPublication listed, Trial trial, string provenance, Dictionary<string, TherapyType> therapyTypes, DateTime now, ImportPlan plan, KnownRecords known)
    {
        var parts = RegistryCitation.Parse(listed.Citation ?? $"PMID {listed.Pmid}");
        var study = new Study
        {
            Title = parts.Title.Length > 1000 ? parts.Title[..1000] : parts.Title,
            Kind = StudyKind.TrialReport,
            Journal = parts.Journal is { Length: <= 300 } journal ? journal : null,
            Year = parts.Year,
            Pmid = listed.Pmid,
            ImportedAt = now,
            Provenance = [$"{provenance}: listed by {trial.NctId} as a {listed.Type.ToLowerInvariant()} publication"],
            Unverified = [$"Title, authors, journal and year read from the citation ClinicalTrials.gov gives for {trial.NctId} (“{listed.Citation}”), not checked against PubMed"],
        };
        StudyAuthors.Set(study, parts.Authors, [], parts.AuthorsTruncated);
        study.TherapyTypes.AddRange(TherapyClassifier.Classify(study.Title, null).Select(slug => therapyTypes[slug]));
        db.Studies.Add(study);
        known.Add(study);
        plan.StudiesFromRegistry.Add($"PMID {listed.Pmid}: {study.Title}");
        return study;
    }

    private static string TitleKey(string title) => new(title.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The studies and trials one file can match, by identifier: the stored ones its records name, read in a
    /// few batched queries up front, and the ones the file adds as it goes. Every lookup is a dictionary
    /// lookup, so planning costs linear time in the records (scanning the change tracker per record made a
    /// 10,000-record preview take minutes).
    /// </summary>
    private sealed class KnownRecords
    {
        private const int Batch = 500;

        private readonly Dictionary<string, Study> _byDoi = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Study> _byPmid = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Trial> _byNct = new(StringComparer.Ordinal);
        private Dictionary<(int? Year, string Key), List<(int Id, string Title, string? Authors)>>? _byTitle;

        public static async Task<KnownRecords> LoadAsync(KnowledgeBaseDbContext db, IReadOnlyList<BibRecord> records, CancellationToken ct)
        {
            var known = new KnownRecords();
            var dois = records.Where(r => r.Kind != BibRecordKind.RegisteredTrial).Select(r => r.Doi).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var pmids = records.Where(r => r.Kind != BibRecordKind.RegisteredTrial).Select(r => r.Pmid)
                .Concat(records.Where(r => r.Kind == BibRecordKind.RegisteredTrial).SelectMany(r => r.ReferencedPmids))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var ncts = records.SelectMany(r => r.NctIds).Distinct(StringComparer.Ordinal).ToList();
            foreach (var chunk in dois.Chunk(Batch))
                known.AddAll(await db.Studies.Include(s => s.Trials).Where(s => s.Doi != null && chunk.Contains(s.Doi)).ToListAsync(ct));
            foreach (var chunk in pmids.Chunk(Batch))
                known.AddAll(await db.Studies.Include(s => s.Trials).Where(s => s.Pmid != null && chunk.Contains(s.Pmid)).ToListAsync(ct));
            foreach (var chunk in ncts.Chunk(Batch))
            {
                foreach (var trial in await db.Trials.Include(t => t.Studies).Where(t => chunk.Contains(t.NctId)).ToListAsync(ct))
                    known.Add(trial);
            }
            return known;
        }

        public Study? StudyByDoi(string? doi) => doi is not null && _byDoi.TryGetValue(doi, out var s) ? s : null;

        public Study? StudyByPmid(string? pmid) => pmid is not null && _byPmid.TryGetValue(pmid, out var s) ? s : null;

        public Trial? TrialByNct(string nct) => _byNct.GetValueOrDefault(nct);

        /// <summary>Registers a study under its identifiers (the first study with an identifier keeps it).</summary>
        public void Add(Study study)
        {
            if (study.Doi is { } doi) _byDoi.TryAdd(doi, study);
            if (study.Pmid is { } pmid) _byPmid.TryAdd(pmid, study);
        }

        public void Add(Trial trial) => _byNct.TryAdd(trial.NctId, trial);

        private void AddAll(IEnumerable<Study> studies)
        {
            foreach (var study in studies) Add(study);
        }

        /// <summary>
        /// A stored study with the same title (letters and digits, any case), year and first author, if any. The
        /// titles are read once per file, on the first record that needs them.
        /// </summary>
        public async Task<(int Id, string Title)?> PossibleDuplicateAsync(KnowledgeBaseDbContext db, string title, int? year, string? firstAuthor, CancellationToken ct)
        {
            if (_byTitle is null)
            {
                var all = await db.Studies.AsNoTracking().Select(s => new { s.Id, s.Title, s.Authors, s.Year }).ToListAsync(ct);
                _byTitle = [];
                foreach (var s in all.OrderBy(s => s.Id))
                {
                    var key = (s.Year, TitleKey(s.Title));
                    if (!_byTitle.TryGetValue(key, out var list)) _byTitle[key] = list = [];
                    list.Add((s.Id, s.Title, s.Authors));
                }
            }
            if (!_byTitle.TryGetValue((year, TitleKey(title)), out var candidates)) return null;
            foreach (var (id, candidateTitle, authors) in candidates)
            {
                if (firstAuthor is null || (authors ?? "").Contains(firstAuthor, StringComparison.OrdinalIgnoreCase)) return (id, candidateTitle);
            }
            return null;
        }
    }

    /// <summary>Fills the study's empty fields from the record; returns what it changed.</summary>
    private static List<string> FillStudy(Study s, BibRecord r)
    {
        var gaps = new FieldUpdate();
        // The names as the file gives them (full given names kept); the display string is made from them.
        gaps.FillGap("authors", s.Authors, StudyAuthors.Display(StudyAuthors.Names(r.Authors, r.Groups)),
            _ => StudyAuthors.Set(s, r.Authors, r.Groups, r.AuthorsTruncated));
        gaps.FillGap("journal", s.Journal, r.Journal ?? r.JournalAbbreviation, v => s.Journal = v);
        gaps.FillGap("publication type", s.PublicationForm, r.Form, v => s.PublicationForm = v);
        gaps.FillGap("publisher", s.Publisher, r.Publisher is { Length: <= 300 } publisher ? publisher : null, v => s.Publisher = v);
        gaps.FillGap("place", s.PublisherPlace, r.PublisherPlace is { Length: <= 200 } place ? place : null, v => s.PublisherPlace = v);
        gaps.FillGap("year", s.Year, r.Year, v => s.Year = v);
        gaps.FillGap("volume", s.Volume, r.Volume, v => s.Volume = v);
        gaps.FillGap("issue", s.Issue, r.Issue, v => s.Issue = v);
        gaps.FillGap("pages", s.Pages, r.Pages, v => s.Pages = v);
        gaps.FillGap("DOI", s.Doi, r.Doi, v => s.Doi = v);
        gaps.FillGap("PMID", s.Pmid, r.Pmid, v => s.Pmid = v);
        gaps.FillGap("PMCID", s.Pmcid, r.Pmcid, v => s.Pmcid = v);
        gaps.FillGap("design", s.Design, DesignOf(r.PublicationType), v => s.Design = v);
        gaps.FillGap("abstract", s.Abstract, r.Abstract, v => s.Abstract = v);
        return gaps.Changes;
    }

    /// <summary>
    /// Fills what the trial lacks. A record from the registry itself (<paramref name="fromRegistry"/>) is the authority on
    /// what changes over a trial's life, its status and enrolment, so those are brought up to date (the change history
    /// keeps the earlier values, and the claims relying on the trial are flagged: docs/claim-vs-record.md).
    /// </summary>
    private static List<string> FillTrial(Trial t, BibRecord r, bool fromRegistry = false)
    {
        var gaps = new FieldUpdate();
        gaps.FillGap("title", t.Title, r.Title, v => t.Title = v);
        gaps.FillGap("phase", t.Phase, r.Phase, v => t.Phase = v);
        gaps.FillGap("phase text", t.PhaseText, r.PhaseText, v => t.PhaseText = v);
        if (fromRegistry)
        {
            gaps.Set("status", t.Status, r.Status, v => t.Status = v);
            gaps.Set("enrolment", t.Enrollment, r.Enrollment, v => t.Enrollment = v);
            gaps.Set("results posted", t.ResultsPosted, r.ResultsPosted, v => t.ResultsPosted = v);
        }
        else
        {
            gaps.FillGap("status", t.Status, r.Status, v => t.Status = v);
            gaps.FillGap("enrolment", t.Enrollment, r.Enrollment, v => t.Enrollment = v);
            gaps.FillGap("results posted", t.ResultsPosted, r.ResultsPosted, v => t.ResultsPosted = v);
        }
        gaps.FillGap("sponsor", t.Sponsor, r.Sponsor, v => t.Sponsor = v);
        gaps.FillGap("design", t.Design, r.Design, v => t.Design = v);
        gaps.FillGap("intervention", t.Intervention, r.Interventions.Count > 0 ? string.Join("; ", r.Interventions) : null, v => t.Intervention = v);
        gaps.FillGap("summary", t.Summary, r.Abstract, v => t.Summary = v);
        gaps.FillEmptyList("conditions", t.Conditions, r.Conditions);
        gaps.FillEmptyList("interventions", t.Interventions, r.Interventions);
        gaps.FillEmptyList("primary outcomes", t.PrimaryOutcomes, r.PrimaryOutcomes);
        return gaps.Changes;
    }

    /// <summary>Words that make a publication type a study design (MEDLINE's "Randomized Controlled Trial", Web of Science's "Meta-Analysis").</summary>
    private static readonly string[] DesignWords =
        ["trial", "observational", "cohort", "case-control", "case control", "cross-sectional", "meta-analysis", "systematic review", "case report", "comparative study", "multicenter study", "validation study"];

    /// <summary>
    /// The study design a publication type names, or null: "JOUR", "article-journal", "article" and "Journal Article"
    /// say what was published (the study's kind), not how the study was done. Of "Journal Article; Randomized
    /// Controlled Trial" the design is "Randomized Controlled Trial".
    /// </summary>
    internal static string? DesignOf(string? publicationType)
    {
        if (publicationType is null) return null;
        var designs = publicationType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(t => DesignWords.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return designs.Count == 0 ? null : string.Join("; ", designs);
    }

    private static StudyKind KindOf(string? publicationType) => publicationType switch
    {
        null => StudyKind.Other,
        var p when p.Contains("Systematic", StringComparison.OrdinalIgnoreCase) || p.Contains("Meta-Analysis", StringComparison.OrdinalIgnoreCase) => StudyKind.SystematicReview,
        var p when p.Contains("Review", StringComparison.OrdinalIgnoreCase) => StudyKind.NarrativeReview,
        var p when p.Contains("Protocol", StringComparison.OrdinalIgnoreCase) => StudyKind.TrialProtocol,
        var p when p.Contains("Trial", StringComparison.OrdinalIgnoreCase) => StudyKind.TrialReport,
        var p when p.Contains("Observational", StringComparison.OrdinalIgnoreCase) || p.Contains("Case", StringComparison.OrdinalIgnoreCase) => StudyKind.ObservationalStudy,
        var p when p.Contains("Press", StringComparison.OrdinalIgnoreCase) => StudyKind.PressRelease,
        _ => StudyKind.Other,
    };
}
