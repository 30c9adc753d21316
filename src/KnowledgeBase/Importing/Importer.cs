using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using KnowledgeBase.Browsing;
using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Importing.Articles;
using KnowledgeBase.Importing.Library;
using KnowledgeBase.Interchange;
using KnowledgeBase.Interchange.Parsing;
using KnowledgeBase.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Importing;

/// <summary>
/// Imports articles (text files) and the reference library (JSON) into the store: one transaction
/// per file, idempotent (sources by content hash, studies by library id / DOI / PMID, trials by NCT id).
/// </summary>
public sealed partial class Importer(KnowledgeBaseDbContext db, ILogger<Importer> logger, TimeProvider clock, ClaimDetector detector)
{
    private static readonly string[] ImportableExtensions = [".txt", ".text", ".md", ".json", ".ris", ".bib", ".bibtex", ".nbib", ".medline", ".csljson"];

    /// <summary>Imports a file, or every importable file of a folder (the library first, so references resolve).</summary>
    public async Task<ImportReport> ImportPathAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        List<string> files;
        if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .OrderBy(f => IsJsonName(f) ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            var missing = new FileImportResult(path) { Error = $"{path}: no such file or folder" };
            report.Files.Add(missing);
            return report;
        }

        // A folder is imported in groups of files, one transaction per group and a savepoint per file:
        // a bad file is rolled back to its savepoint (it stores nothing, the others still import) and
        // the group is committed once, instead of a commit and a disk sync for every file.
        // Reading, parsing and claim detection need no database: they run on every core, a few files
        // ahead, while this method stores the prepared files one by one in file order.
        using var rows = new NewSourceRows(db);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Channel.CreateBounded<Task<PreparedFile?>>(new BoundedChannelOptions(PreparedAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => PrepareAllAsync(files, detector, prepared.Writer, stop.Token), CancellationToken.None);
        var group = 0;
        var transaction = files.Count > 1 && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = await (await prepared.Reader.ReadAsync(cancellationToken));
                var name = Path.GetFileName(files[i]);
                progress?.Report(new ImportProgress(i + 1, files.Count, name));
                if (file is null)
                {
                    var skipped = new FileImportResult(name);
                    skipped.Warnings.Add("skipped: not an article (.txt, .md), the library (.json) or a reference file (.ris, .bib, .nbib, CSL or ClinicalTrials.gov .json)");
                    report.Files.Add(skipped);
                    continue;
                }
                report.Files.Add(await ImportPreparedAsync(file, replaceChangedSources: true, rows, cancellationToken));
                if (transaction is not null && ++group >= FilesPerTransaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    group = 0;
                }
            }
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await stop.CancelAsync();
            await StopAsync(producer, prepared.Reader);
        }
        LogImported(report.Summary);
        return report;
    }

    /// <summary>How many files are prepared ahead of the writer (and held in memory at most, besides the one being written).</summary>
    private static readonly int PreparedAhead = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Starts preparing each file on the thread pool, in order; the channel's bound keeps the work a few files ahead of the writer.</summary>
    private static async Task PrepareAllAsync(List<string> files, ClaimDetector detector, ChannelWriter<Task<PreparedFile?>> output, CancellationToken ct)
    {
        try
        {
            foreach (var path in files)
            {
                var importable = ImportableExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
                await output.WriteAsync(importable ? Task.Run(() => (PreparedFile?)PreparedFile.Read(path, detector), ct) : Task.FromResult<PreparedFile?>(null), ct);
            }
            output.Complete();
        }
        catch (OperationCanceledException)
        {
            output.Complete();
        }
    }

    /// <summary>After the writer stopped (done, failed or cancelled): waits for the preparation still running, so no work outlives the import.</summary>
    private static async Task StopAsync(Task producer, ChannelReader<Task<PreparedFile?>> pending)
    {
        await producer;
        while (pending.TryRead(out var task))
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                // Not started before the import stopped.
            }
#pragma warning disable CA1031 // The import already failed or finished; a file prepared in vain has nothing to add.
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }

    /// <summary>Files of a folder committed together (see <see cref="ImportPathAsync"/>); a crash loses at most this many, and importing again adds them.</summary>
    internal const int FilesPerTransaction = 500;

    /// <summary>Imports one file from disk; its size is checked before it is read.</summary>
    public async Task<FileImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        using var rows = new NewSourceRows(db);
        return await ImportPreparedAsync(PreparedFile.Read(path, detector), replaceChangedSources: true, rows, cancellationToken);
    }

    /// <summary>Imports the content of one file (from disk or an upload); the name is only used in messages and as the source's file name.</summary>
    /// <param name="replaceChangedSources">
    /// Whether an article whose file name and position match a stored source, but whose text differs,
    /// replaces that source (re-anchoring its claims). True for the command line, where the name is a
    /// real file; an upload's name is only what the browser says, so uploads never replace.
    /// </param>
    public async Task<FileImportResult> ImportContentAsync(string fileName, byte[] content, bool replaceChangedSources = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var rows = new NewSourceRows(db);
        return await ImportPreparedAsync(PreparedFile.FromContent(fileName, content, detector), replaceChangedSources, rows, cancellationToken);
    }

    private async Task<FileImportResult> ImportPreparedAsync(PreparedFile file, bool replaceChangedSources, NewSourceRows rows, CancellationToken cancellationToken)
    {
        var fileName = file.Name;
        var result = new FileImportResult(fileName) { Format = file.FormatName };
        if (file.Error is not null) return Rejected(result, file.Error);
        // On its own a file is one transaction; inside a folder's transaction it is one savepoint.
        var outer = db.Database.CurrentTransaction;
        await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (outer is not null) await outer.CreateSavepointAsync(FileSavepoint, cancellationToken);
        try
        {
            switch (file.Content)
            {
                case ImportContent.CuratedLibrary:
                    await ImportLibraryAsync(file.Text, result, cancellationToken);
                    break;
                case ImportContent.References:
                    await ImportReferencesAsync(fileName, file.Text, result, cancellationToken);
                    break;
                default:
                    await ImportArticlesAsync(fileName, file.Text, file.Articles, result, replaceChangedSources, rows, cancellationToken);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            else await outer!.ReleaseSavepointAsync(FileSavepoint, cancellationToken);
            foreach (var warning in result.Warnings) LogWarning(fileName, warning);
            return result;
        }
        catch (ImportFormatException ex)
        {
            await RollBackAsync(transaction, outer);
            return Rejected(result, ex.Describe(fileName));
        }
        catch (DbUpdateException ex)
        {
            await RollBackAsync(transaction, outer);
            return Rejected(result, $"{fileName}: could not be stored ({ex.InnerException?.Message ?? ex.Message})");
        }
        catch (DbException ex)
        {
            // The bulk path's own commands fail with the provider's exception, not EF's.
            await RollBackAsync(transaction, outer);
            return Rejected(result, $"{fileName}: could not be stored ({ex.Message})");
        }
        finally
        {
            // A rejected file must not leave tracked entities behind for the next one.
            db.ChangeTracker.Clear();
        }
    }

    private const string FileSavepoint = "import_file";

    private static async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? outer)
    {
        if (own is not null) await own.RollbackAsync(CancellationToken.None);
        else
        {
            await outer!.RollbackToSavepointAsync(FileSavepoint, CancellationToken.None);
            await outer.ReleaseSavepointAsync(FileSavepoint, CancellationToken.None);
        }
    }

    private FileImportResult Rejected(FileImportResult result, string error)
    {
        result.Reset();
        result.Error = error;
        LogRejected(error);
        return result;
    }

    private async Task ImportArticlesAsync(string fileName, string text, IReadOnlyList<PreparedArticle> articles, FileImportResult result, bool replaceChangedSources, NewSourceRows rows, CancellationToken ct)
    {
        result.RecordsRead = articles.Count;
        rows.Enlist();
        if (!await rows.FileNameTakenAsync(fileName, ct))
        {
            await AddNewArticlesAsync(fileName, text, articles, result, rows, ct);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Sources.Include(s => s.References).Include(s => s.Claims).Include(s => s.TherapyKinds).Include(s => s.Conditions)
            .Where(s => s.FileName == fileName).ToListAsync(ct);

        foreach (var (article, hash, detected, classification) in articles)
        {
            // A file may repeat an article (found by the importer fuzzing): the repeat is the one already added, not a second source.
            var repeated = db.Sources.Local.FirstOrDefault(s => s.ContentHash == hash && db.Entry(s).State == EntityState.Added);
            if (repeated is not null)
            {
                result.SourcesUnchanged++;
                result.Warnings.Add(RepeatWarning(article, repeated.PartIndex));
                continue;
            }
            var sameText = existing.FirstOrDefault(s => s.ContentHash == hash)
                ?? await db.Sources.FirstOrDefaultAsync(s => s.ContentHash == hash, ct);
            if (sameText is not null)
            {
                result.SourcesUnchanged++;
                if (sameText.FileName != fileName) result.Warnings.Add(AlreadyStoredWarning(article, sameText.FileName));
                continue;
            }

            var source = existing.FirstOrDefault(s => s.PartIndex == article.PartIndex);
            if (source is not null && !replaceChangedSources)
                throw new ImportFormatException($"a different article from a file named {fileName} is already in the knowledge base (source {source.Id}); rename the file to add it as a new source, or replace the old one with the import command");
            if (source is null)
            {
                source = NewSource(fileName, article, hash, now);
                db.Sources.Add(source);
                result.SourcesAdded++;
            }
            else
            {
                source.UpdatedAt = now;
                db.SourceReferences.RemoveRange(source.References);
                source.References.Clear();
                result.SourcesUpdated++;
                var orphaned = source.Claims.Count(c => !ClaimAnchoring.Reanchor(c, article.CleanedText));
                result.Warnings.Add($"article {article.PartIndex + 1} (\"{article.Title}\") changed since its last import and was updated" +
                    (orphaned > 0 ? $"; {orphaned} claim(s) no longer found in the new text are kept as orphaned" : ""));
            }

            source.Title = article.Title;
            source.TitleOrigin = article.TitleOrigin;
            source.Publisher = article.Publisher;
            source.OriginalText = article.OriginalText;
            source.CleanedText = article.CleanedText;
            source.ContentHash = hash;
            // An editor's correction of the classification outlives a new version of the text.
            if (!source.ClassificationCorrected) source.Classify(classification.TherapyKinds, classification.Conditions, SourceClassifier.Version);
            foreach (var reference in article.References)
                source.References.Add(await ResolveAsync(reference, rows, ct));
            CheckFieldLimits(source, article, text);
            result.ClaimsDetected += AddDetectedClaims(source, detected, now);
        }
    }

    /// <summary>
    /// The fast path: no stored source came from this file name, so every article is either new or the
    /// same text as a stored one. New sources, their references, claims and history rows are written
    /// with prepared commands (<see cref="NewSourceRows"/>) instead of the change tracker; what is
    /// stored, reported and recorded is what the change-tracking path above stores for such a file.
    /// </summary>
    private async Task AddNewArticlesAsync(string fileName, string text, IReadOnlyList<PreparedArticle> articles, FileImportResult result, NewSourceRows rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new List<Source>();
        foreach (var (article, hash, detected, classification) in articles)
        {
            if (added.TryGetValue(hash, out var firstPart))
            {
                result.SourcesUnchanged++;
                result.Warnings.Add(RepeatWarning(article, firstPart));
                continue;
            }
            if (await rows.FileOfHashAsync(hash, ct) is { } storedFrom)
            {
                result.SourcesUnchanged++;
                if (storedFrom != fileName) result.Warnings.Add(AlreadyStoredWarning(article, storedFrom));
                continue;
            }

            var source = NewSource(fileName, article, hash, now);
            source.Classify(classification.TherapyKinds, classification.Conditions, SourceClassifier.Version);
            foreach (var reference in article.References)
                source.References.Add(await ResolveAsync(reference, rows, ct));
            CheckFieldLimits(source, article, text);
            result.ClaimsDetected += AddDetectedClaims(source, detected, now);
            added[hash] = article.PartIndex;
            sources.Add(source);
            result.SourcesAdded++;
        }

        // The history is stamped when it is written, as SaveChanges stamps it.
        var at = clock.GetUtcNow().UtcDateTime;
        foreach (var source in sources)
        {
            await rows.InsertAsync(source, db.Actor.Name, at, ct);
            // The classification rows go with the file's SaveChanges, now that the source has its id.
            foreach (var kind in source.TherapyKinds) kind.SourceId = source.Id;
            foreach (var condition in source.Conditions) condition.SourceId = source.Id;
            db.SourceTherapyKinds.AddRange(source.TherapyKinds);
            db.SourceConditions.AddRange(source.Conditions);
        }
    }

    private static Source NewSource(string fileName, ParsedArticle article, string hash, DateTime now) => new()
    {
        Title = article.Title,
        TitleOrigin = article.TitleOrigin,
        Publisher = article.Publisher,
        OriginalText = article.OriginalText,
        CleanedText = article.CleanedText,
        ContentHash = hash,
        FileName = fileName,
        PartIndex = article.PartIndex,
        ImportedAt = now,
    };

    private static string RepeatWarning(ParsedArticle article, int firstPartIndex) =>
        $"article {article.PartIndex + 1} (\"{article.Title}\") repeats article {firstPartIndex + 1} of this file and was imported once";

    private static string AlreadyStoredWarning(ParsedArticle article, string storedFrom) =>
        $"article {article.PartIndex + 1} (\"{article.Title}\") is already in the knowledge base, imported from {storedFrom}";

    /// <summary>
    /// Refuses a value longer than its column (a publisher, a reference's address or DOI) with the importer's own
    /// error, naming the line where the value stands; on PostgreSQL the column would refuse it unnamed.
    /// </summary>
    private void CheckFieldLimits(Source source, ParsedArticle article, string text)
    {
        CheckFieldLimits(source, $"article {article.PartIndex + 1}", text);
        foreach (var reference in source.References) CheckFieldLimits(reference, $"reference {reference.Label}", text);
    }

    /// <summary>Refuses a value longer than its column, naming the line where it stands (the library's fields, an article's).</summary>
    private void CheckFieldLimits(object entity, string owner, string text, string? record = null)
    {
        if (FieldLimits.FirstViolation(db.Model, entity) is { } violation)
            throw new ImportFormatException(violation.Describe(owner), InputText.LineOf(text, violation.Value), record);
    }

    /// <summary>Adds the detector's candidates that do not overlap a claim the source already has.</summary>
    private static int AddDetectedClaims(Source source, IReadOnlyList<DetectedClaim> candidates, DateTime now)
    {
        var anchored = source.Claims.Where(c => !c.IsOrphaned).Select(c => new TextSpan(c.Start, c.End)).ToList();
        var added = 0;
        foreach (var detected in candidates)
        {
            var span = new TextSpan(detected.Start, detected.End);
            if (anchored.Any(span.Overlaps)) continue;
            var claim = Claim.Anchor(source.CleanedText, detected.Start, detected.End, now);
            claim.DetectionSignals = [.. detected.Signals];
            claim.Confidence = detected.Confidence;
            source.Claims.Add(claim);
            added++;
        }
        return added;
    }

    /// <summary>An article's reference, with the library study and trial its identifiers name (by the prepared lookups both article paths share).</summary>
    private static async Task<SourceReference> ResolveAsync(ParsedReference reference, NewSourceRows rows, CancellationToken ct) => new()
    {
        Ordinal = reference.Ordinal,
        Label = reference.Label,
        Text = reference.Text,
        Url = reference.Url,
        Pmid = reference.Pmid,
        Doi = reference.Doi,
        NctId = reference.NctId,
        StudyId = await rows.StudyIdAsync(reference.Pmid, reference.Doi, ct),
        TrialId = await rows.TrialIdAsync(reference.NctId, ct),
    };

    private async Task<int?> MatchStudyIdAsync(string? pmid, string? doi, CancellationToken ct)
    {
        if (pmid is null && doi is null) return null;
        return await db.Studies
            .Where(s => (pmid != null && s.Pmid == pmid) || (doi != null && s.Doi == doi))
            .Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(ct);
    }

    private async Task ImportLibraryAsync(string json, FileImportResult result, CancellationToken ct)
    {
        var records = ReferenceLibraryParser.Parse(json);
        result.RecordsRead = records.Count;
        var derivedTrials = TrialDeriver.Derive(records);
        var now = clock.GetUtcNow().UtcDateTime;
        var therapyTypes = await db.TherapyTypes.ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, ct);
        var studies = await db.Studies.Include(s => s.TherapyTypes).Include(s => s.Trials).ToListAsync(ct);
        var trials = await db.Trials.Include(t => t.TherapyTypes).ToListAsync(ct);

        var studyByRecord = new Dictionary<string, Study>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var study = FindStudy(studies, record);
            var isNew = study is null;
            study ??= new Study { Title = record.Title, ImportedAt = now };
            var changed = Apply(record, study) | SetTherapyTypes(study.TherapyTypes, record.TherapyTypes, therapyTypes);
            CheckFieldLimits(study, $"record {record.Id}", json, record.Id);
            if (isNew)
            {
                db.Studies.Add(study);
                studies.Add(study);
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
        await ResolveDanglingReferencesAsync(ct);
    }

    /// <summary>
    /// A record matches an existing study by library id, DOI or PMID; when those point at two
    /// different studies the file is rejected rather than merged silently.
    /// </summary>
    private static Study? FindStudy(List<Study> studies, LibraryRecord record)
    {
        var candidates = studies.Where(s =>
                s.LibraryId == record.Id
                || (record.Doi is not null && s.Doi == record.Doi)
                || (record.Pmid is not null && s.Pmid == record.Pmid))
            .Distinct()
            .ToList();
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new ImportFormatException(
                $"its identifiers match {candidates.Count} different studies already in the knowledge base ({string.Join(", ", candidates.Select(c => c.LibraryId ?? c.Title))}); resolve the duplicate by hand",
                null, record.Id),
        };
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
        return update.Changed;
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

    /// <summary>Article references imported before the library get their study or trial once it arrives.</summary>
    private async Task ResolveDanglingReferencesAsync(CancellationToken ct)
    {
        var dangling = await db.SourceReferences
            .Where(r => (r.StudyId == null && (r.Pmid != null || r.Doi != null)) || (r.TrialId == null && r.NctId != null))
            .ToListAsync(ct);
        foreach (var reference in dangling)
        {
            reference.StudyId ??= await MatchStudyIdAsync(reference.Pmid, reference.Doi, ct);
            if (reference.TrialId is null && reference.NctId is not null)
                reference.TrialId = await db.Trials.Where(t => t.NctId == reference.NctId).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        }
    }

    /// <summary>RIS, BibTeX, CSL-JSON, MEDLINE or ClinicalTrials.gov records: matched into the library, never overwriting curated values.</summary>
    private async Task ImportReferencesAsync(string fileName, string text, FileImportResult result, CancellationToken ct)
    {
        var plan = await new BibliographyImporter(db, clock).ApplyAsync(fileName, text, DuplicateDecisions.None, ct);
        if (plan.Records.Count == 0 && plan.Errors.Count > 0) throw NoRecordRead(plan.Errors);
        result.Format = plan.Format.DisplayName();
        result.RecordsRead = plan.Records.Count;
        result.RecordsUnreadable = plan.Errors.Count;
        bool Is(PlannedRecord r, PlannedAction action, BibRecordKind kind) => r.Action == action && r.Kind == kind;
        result.StudiesAdded += plan.Records.Count(r => Is(r, PlannedAction.Add, BibRecordKind.Publication)) + plan.StudiesFromRegistry.Count;
        result.StudiesUpdated += plan.Records.Count(r => Is(r, PlannedAction.Update, BibRecordKind.Publication));
        result.StudiesUnchanged += plan.Records.Count(r => Is(r, PlannedAction.Unchanged, BibRecordKind.Publication));
        result.TrialsAdded += plan.Records.Count(r => Is(r, PlannedAction.Add, BibRecordKind.RegisteredTrial));
        result.TrialsUpdated += plan.Records.Count(r => Is(r, PlannedAction.Update, BibRecordKind.RegisteredTrial));
        result.TrialsUnchanged += plan.Records.Count(r => Is(r, PlannedAction.Unchanged, BibRecordKind.RegisteredTrial));
        foreach (var skipped in plan.Records.Where(r => r.Action is PlannedAction.Conflict or PlannedAction.PossibleDuplicate))
            result.Warnings.Add($"line {skipped.Line} (“{skipped.Label}”) not imported: {string.Join("; ", skipped.Details)}");
        foreach (var error in plan.Errors)
            result.Warnings.Add($"line {error.Line}{(error.Key is null ? "" : $" ({error.Key})")} could not be read: {error.Message}");
        foreach (var warning in plan.Warnings)
            result.Warnings.Add($"line {warning.Line}{(warning.Key is null ? "" : $" ({warning.Key})")}: {warning.Message}");
        await ResolveDanglingReferencesAsync(ct);
    }

    /// <summary>
    /// A reference file none of whose records could be read: the first problem, and when there are more, how many and
    /// at which lines, so sixty untitled records are not all reported as the first one.
    /// </summary>
    internal static ImportFormatException NoRecordRead(IReadOnlyList<EntryError> errors)
    {
        var first = errors[0];
        if (errors.Count == 1) return new ImportFormatException($"no record could be read ({first.Message})", first.Line, first.Key);
        var lines = string.Join(", ", errors.Take(10).Select(e => e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ImportFormatException(
            $"no record could be read: {errors.Count} records could not be, at lines {lines}{(errors.Count > 10 ? ", ..." : "")}; at line {first.Line}: {first.Message}",
            first.Line, first.Key);
    }

    /// <summary>What a file holds, judged by its content (the name only breaks ties between reference formats).</summary>
    public static ImportContent ContentOf(string text, string fileName)
    {
        if (LooksLikeJson(text))
        {
            if (IsCuratedLibrary(text)) return ImportContent.CuratedLibrary;
            return BibFormatDetector.Detect(text, fileName) is not null ? ImportContent.References : ImportContent.Unknown;
        }
        return BibFormatDetector.Detect(text, fileName) is not null ? ImportContent.References : ImportContent.Articles;
    }

    /// <summary>
    /// The curated library (seeds/reference-library.json) is a JSON array whose records carry a "citation" object.
    /// Judged by that structure, not by the key appearing anywhere: a ClinicalTrials.gov study lists its publications
    /// as references with a "citation" too. JSON that does not parse is taken for the library when it has the key and
    /// no registry's "protocolSection", so its parser names the line where it breaks.
    /// </summary>
    private static bool IsCuratedLibrary(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0
                && root[0].ValueKind == JsonValueKind.Object
                && root[0].TryGetProperty("citation", out var citation) && citation.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return text.Contains("\"citation\"", StringComparison.Ordinal) && !text.Contains("\"protocolSection\"", StringComparison.Ordinal);
        }
    }

    /// <summary>Why a file that is neither articles nor a format this knowledge base reads is refused (for <see cref="ImportContent.Unknown"/>).</summary>
    public static ImportFormatException UnknownContent(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("FullStudiesResponse", out _))
                return new ImportFormatException("ClinicalTrials.gov's classic (v1) API response, which is not read: download the study from the current API (v2, /api/v2/studies/NCT...) and import that", 1);
            return new ImportFormatException("JSON, but neither the curated reference library nor CSL-JSON nor ClinicalTrials.gov study JSON", 1);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            return new ImportFormatException(
                $"not a file this knowledge base reads: it is not JSON (line {line} breaks it) although it starts with '{text.TrimStart('\uFEFF').TrimStart()[0]}', and not RIS, BibTeX, PubMed MEDLINE or Web of Science either; articles are plain text that does not start with '[' or '{{'",
                line);
        }
    }

    private static bool IsJsonName(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeJson(string text)
    {
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && (first[0] == '[' || first[0] == '{');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import finished: {Summary}")]
    private partial void LogImported(string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {FileName}: {Warning}")]
    private partial void LogWarning(string fileName, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import rejected: {Error}")]
    private partial void LogRejected(string error);
}

/// <summary>The kinds of file the importer reads.</summary>
public enum ImportContent
{
    Unknown,
    Articles,
    CuratedLibrary,
    References,
}
