using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Interchange;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Web.Features.Export;

/// <summary>
/// The studies then the trials of an export, read in keyset batches (by id) while the writer consumes them; the rows of
/// a batch are streamed from the query to the writer one at a time, never gathered in a list.
/// Each batch is one <c>AsNoTracking</c> projection of exactly the columns <see cref="BibRecordMapping"/> reads
/// (no entity graphs, no change tracking, none of the long text columns a record does not show), plus, for
/// studies, one flat query for the NCT ids of the batch's linked trials. The projection fills
/// <see cref="Study"/>/<see cref="Trial"/> objects so the mapping stays the one the rest of the app uses;
/// a field the mapping starts reading must be added here too (<c>LibraryExportTests</c> compares the two).
/// </summary>
internal static class LibraryRecords
{
    /// <summary>
    /// Rows per query: large enough that the per-query cost vanishes. Memory does not depend on it (rows are streamed),
    /// except for the batch's study–NCT id pairs; it is how long one query's reader stays open while the client reads.
    /// </summary>
    public const int DefaultBatch = 5000;

    public static IEnumerable<BibRecord> Read(KnowledgeBaseDbContext db, IQueryable<Study>? studies, IQueryable<Trial>? trials, int batch = DefaultBatch)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (studies is not null)
        {
            foreach (var study in Studies(db, studies, batch)) yield return BibRecordMapping.FromStudy(study);
        }
        if (trials is not null)
        {
            foreach (var trial in Trials(db, trials, batch)) yield return BibRecordMapping.FromTrial(trial);
        }
    }

    private static IEnumerable<Study> Studies(KnowledgeBaseDbContext db, IQueryable<Study> studies, int batch)
    {
        var reader = ExportRows.For(db);
        for (var lastId = 0; ;)
        {
            var after = lastId;
            // The batch's last id first (an index-only read), so its NCT ids can be read before its rows are streamed.
            var upTo = studies.Where(s => s.Id > after).OrderBy(s => s.Id).Select(s => s.Id).Skip(batch - 1).FirstOrDefault();
            var last = upTo == 0 ? int.MaxValue : upTo;

            // The batch's study–trial pairs in one flat query on the join table's key (most studies have none);
            // navigating Study.Trials inside the projection would need SQL APPLY, which SQLite lacks.
            var trialsOf = db.Set<Dictionary<string, object>>("StudyTrials")
                .Where(st => EF.Property<int>(st, "StudiesId") > after && EF.Property<int>(st, "StudiesId") <= last)
                .Join(db.Trials, st => EF.Property<int>(st, "TrialsId"), t => t.Id, (st, t) => new { StudyId = EF.Property<int>(st, "StudiesId"), t.NctId })
                .AsNoTracking()
                .AsEnumerable()
                .ToLookup(p => p.StudyId, p => new Trial { NctId = p.NctId });

            // Streamed, not listed: each row is written and dropped before the next is read, so nothing of the batch
            // outlives the youngest generation (holding 5,000 rows with their abstracts made the GC promote and
            // collect them again: about two thirds of the export's CPU, and the rise in RSS during it).
            var rows = studies.AsNoTracking()
                .Where(s => s.Id > after && s.Id <= last)
                .OrderBy(s => s.Id)
                .Select(s => new Study
                {
                    Id = s.Id,
                    Kind = s.Kind,
                    LibraryId = s.LibraryId,
                    Title = s.Title,
                    Authors = s.Authors,
                    AuthorNames = s.AuthorNames,
                    AuthorsTruncated = s.AuthorsTruncated,
                    Journal = s.Journal,
                    PublicationForm = s.PublicationForm,
                    Publisher = s.Publisher,
                    PublisherPlace = s.PublisherPlace,
                    Year = s.Year,
                    Volume = s.Volume,
                    Issue = s.Issue,
                    Pages = s.Pages,
                    Doi = s.Doi,
                    Pmid = s.Pmid,
                    Pmcid = s.Pmcid,
                    PhaseText = s.PhaseText,
                    Design = s.Design,
                    Participants = s.Participants,
                    Abstract = s.Abstract,
                    Unverified = s.Unverified,
                });
            foreach (var study in reader is null ? rows : reader.Studies(rows))
            {
                if (trialsOf.Contains(study.Id)) study.Trials = [.. trialsOf[study.Id]];
                yield return study;
            }
            if (upTo == 0) yield break;
            lastId = upTo;
        }
    }

    private static IEnumerable<Trial> Trials(KnowledgeBaseDbContext db, IQueryable<Trial> trials, int batch)
    {
        var reader = ExportRows.For(db);
        for (var lastId = 0; ;)
        {
            var after = lastId;
            // Streamed as the studies are.
            var rows = trials.AsNoTracking()
                .Where(t => t.Id > after)
                .OrderBy(t => t.Id)
                .Take(batch)
                .Select(t => new Trial
                {
                    Id = t.Id,
                    NctId = t.NctId,
                    Title = t.Title,
                    Phase = t.Phase,
                    PhaseText = t.PhaseText,
                    Design = t.Design,
                    Enrollment = t.Enrollment,
                    Status = t.Status,
                    Sponsor = t.Sponsor,
                    Intervention = t.Intervention,
                    Summary = t.Summary,
                    Conditions = t.Conditions,
                    Interventions = t.Interventions,
                    PrimaryOutcomes = t.PrimaryOutcomes,
                    Unverified = t.Unverified,
                });
            var count = 0;
            foreach (var trial in reader is null ? rows : reader.Trials(rows))
            {
                count++;
                lastId = trial.Id;
                yield return trial;
            }
            if (count < batch) yield break;
        }
    }
}
