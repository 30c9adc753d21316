using KnowledgeBase.Data;
using KnowledgeBase.Domain;
using KnowledgeBase.Linking;
using KnowledgeBase.Retrieval;
using Microsoft.EntityFrameworkCore;

using KnowledgeBase.Primitives;
namespace KnowledgeBase.Web.Features.Claims;

/// <summary>Ranks studies and trials for claims (<see cref="EvidenceRanker"/>) and answers the claim page's evidence search.</summary>
public sealed partial class EvidenceLookup(KnowledgeBaseDbContext db, EvidenceLibraryCache cache, ClaimEmbeddings claimEmbeddings, ILogger<EvidenceLookup> logger,
    VectorFileOptions? vectorFile = null)
{
    public const int MaxSearchResults = 20;

    /// <summary>
    /// The studies and trials <paramref name="claim"/> most likely rests on, best first, at most <paramref name="max"/>:
    /// the one ranking the claim page, the review queue, the claims export and the suggest page all use.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceSuggestion>> SuggestAsync(ClaimContext claim, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var library = await LibraryAsync(ct);
        float[]? vector = null;
        if (library.Vectors.Filled > 0 && !string.IsNullOrWhiteSpace(claim.Quote))
        {
            try
            {
                vector = claimEmbeddings.For(claim.Quote, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ranking still works on words and citations; the log says why meaning is missing.
                LogEmbeddingFailed(logger, ex);
            }
        }
        return EvidenceRanker.Rank(library, claim, vector, max);
    }

    /// <summary>
    /// The ranking's library of every study and trial, rebuilt only when the library changed. Each request reads
    /// a cheap gate first (the newest change-history id, which every save of a study or trial moves, and the newest
    /// embedding id: two primary-key lookups); while it stands and the last full check is younger than
    /// <see cref="EvidenceLibraryCache.RecheckAfter"/>, the library is used as it is. Otherwise the full stamp is
    /// read (counts, latest change, study–trial links, embeddings: aggregates over every record, about a second on
    /// 70,000 records on a busy two-core machine, which is why it is not read on every request), so an edit is seen
    /// on the next request and a change that writes no history (an embedding recomputed in place) within the recheck
    /// time, by every app instance sharing the database. Embeddings computed since (by the background fill or an
    /// import) are added to the library in place.
    /// </summary>
    public async Task<EvidenceLibrary> LibraryAsync(CancellationToken ct)
    {
        var gate = new LibraryGate(
            await db.ChangeRecords.MaxAsync(c => (long?)c.Id, ct) ?? 0,
            await db.RecordEmbeddings.MaxAsync(e => (int?)e.Id, ct) ?? 0);
        return await cache.GetAsync(gate, StampsAsync, BuildAsync, AddVectorsAsync, ct);
    }

    private async Task<(LibraryStamp Library, VectorStamp Vectors)> StampsAsync(CancellationToken ct)
    {
        var stamp = new LibraryStamp(
            await db.Studies.CountAsync(ct),
            await db.Studies.MaxAsync(s => (DateTime?)(s.UpdatedAt ?? s.ImportedAt), ct),
            await db.Trials.CountAsync(ct),
            await db.Trials.MaxAsync(t => (DateTime?)(t.UpdatedAt ?? t.ImportedAt), ct),
            // The study–trial links counted on their join table alone: summing each study's count joined every link
            // to its trial (80 ms on PostgreSQL at 70,000 records, paid by the first request after every change).
            await db.Set<Dictionary<string, object>>("StudyTrials").CountAsync(ct));
        var vectors = new VectorStamp(await db.RecordEmbeddings.CountAsync(ct), await db.RecordEmbeddings.MaxAsync(e => (DateTime?)e.ComputedAt, ct));
        return (stamp, vectors);
    }

    /// <summary>
    /// Every study and trial as the ranking sees it. Streamed, and only the columns
    /// <see cref="EvidenceCandidate.FromStudy"/> and <see cref="EvidenceCandidate.FromTrial"/> read plus the abstract or
    /// summary (which go into the lexical index and are not kept): at 70,000 records, loading whole entities first
    /// held about 500 MB at once. Each is one query (the linked trials or studies joined in), not the app's default split
    /// queries: without several open readers on one connection (PostgreSQL), a split query reads its first query's rows
    /// into memory before the second runs, every abstract at once (RSS 310 → 489 MB during the PostgreSQL warm-up).
    /// </summary>
    private async Task<EvidenceLibrary> BuildAsync(CancellationToken ct)
    {
        var builder = new EvidenceLibraryBuilder(ClaimEmbeddings.Dimensions);
        var studies = db.Studies.AsNoTracking().OrderBy(s => s.Id).Select(s => new
        {
            Study = new Study
            {
                Id = s.Id, LibraryId = s.LibraryId, Title = s.Title, ShortLabel = s.ShortLabel, Authors = s.Authors, Journal = s.Journal,
                Year = s.Year, Doi = s.Doi, Pmid = s.Pmid, PhaseText = s.PhaseText, Design = s.Design, Participants = s.Participants,
                ParticipantsDetail = s.ParticipantsDetail, CellType = s.CellType, CellSource = s.CellSource, Route = s.Route,
                Dosing = s.Dosing, MainResults = s.MainResults, Kind = s.Kind,
                Trials = s.Trials.Select(t => new Trial { NctId = t.NctId }).ToList(),
            },
            s.Abstract,
        }).AsSingleQuery();
        await foreach (var s in studies.AsAsyncEnumerable().WithCancellation(ct)) builder.Add(EvidenceCandidate.FromStudy(s.Study), s.Abstract);
        var trials = db.Trials.AsNoTracking().OrderBy(t => t.Id).Select(t => new
        {
            Trial = new Trial
            {
                Id = t.Id, NctId = t.NctId, Title = t.Title, Phase = t.Phase, PhaseText = t.PhaseText, Enrollment = t.Enrollment,
                Design = t.Design, Intervention = t.Intervention, Status = t.Status, StatusFacet = t.StatusFacet, Sponsor = t.Sponsor,
                Studies = t.Studies.Select(s => new Study
                {
                    Title = s.Title, ShortLabel = s.ShortLabel, CellType = s.CellType, CellSource = s.CellSource, Route = s.Route,
                    Dosing = s.Dosing, ParticipantsDetail = s.ParticipantsDetail,
                }).ToList(),
            },
            t.Summary, t.Conditions, t.Interventions, t.PrimaryOutcomes,
        }).AsSingleQuery();
        await foreach (var t in trials.AsAsyncEnumerable().WithCancellation(ct))
        {
            var summary = string.Join(" \n ", new[] { t.Summary, string.Join("; ", t.Conditions), string.Join("; ", t.Interventions), string.Join("; ", t.PrimaryOutcomes) }
                .Where(x => !string.IsNullOrWhiteSpace(x)));
            builder.Add(EvidenceCandidate.FromTrial(t.Trial), string.IsNullOrWhiteSpace(t.Summary) ? null : summary);
        }
        var library = builder.Build(vectorFile);
        await AddVectorsAsync(library, null, ct);
        return library;
    }

    /// <summary>Loads the embeddings computed after <paramref name="since"/> (all when null) of this model into the library.</summary>
    private async Task AddVectorsAsync(EvidenceLibrary library, DateTime? since, CancellationToken ct)
    {
        var model = claimEmbeddings.Model;
        var rows = db.RecordEmbeddings.AsNoTracking().Where(e => e.Model == model);
        if (since is { } after) rows = rows.Where(e => e.ComputedAt > after);
        await foreach (var e in rows.Select(e => new { e.Kind, e.RecordId, e.Vector }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var kind = e.Kind == EmbeddedRecordKind.Study ? EvidenceKind.Study : EvidenceKind.Trial;
            if (library.RowOf(kind, e.RecordId) is { } row && e.Vector.Length == ClaimEmbeddings.Dimensions * 2)
                library.Vectors.Set(row, RecordEmbeddings.FromBytes(e.Vector));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim could not be embedded; ranking by words and citations only")]
    private static partial void LogEmbeddingFailed(ILogger logger, Exception exception);

    public static EvidenceOption OptionFor(EvidenceCandidate c) => c.Kind == EvidenceKind.Study
        ? new EvidenceOption($"study:{c.Id}", StudyLabel(c.Title, c.AuthorSurnames.Count > 0 ? c.AuthorSurnames[0] : null, c.Year), c.Journal ?? "", $"/studies/{c.Id}")
        : new EvidenceOption($"trial:{c.Id}", $"Trial {(c.NctIds.Count > 0 ? c.NctIds[0] : "")}", c.Title, $"/trials/{c.Id}");

    public async Task<EvidenceOption?> OptionAsync(EvidenceTarget target, CancellationToken ct)
    {
        if (target.StudyId is { } studyId)
        {
            return await db.Studies.AsNoTracking().Where(s => s.Id == studyId)
                .Select(s => new { s.Id, s.Title, s.Authors, s.Year, s.Journal })
                .Select(s => new EvidenceOption("study:" + s.Id, s.Title, (s.Authors ?? "") + (s.Year != null ? " (" + s.Year + ")" : ""), "/studies/" + s.Id))
                .SingleOrDefaultAsync(ct);
        }
        if (target.TrialId is { } trialId)
        {
            return await db.Trials.AsNoTracking().Where(t => t.Id == trialId)
                .Select(t => new EvidenceOption("trial:" + t.Id, "Trial " + t.NctId, t.Title ?? "", "/trials/" + t.Id))
                .SingleOrDefaultAsync(ct);
        }
        return null;
    }

    /// <summary>Identifiers (NCT, PMID, DOI) match exactly; otherwise words in title, authors, label or journal.</summary>
    public async Task<IReadOnlyList<EvidenceOption>> SearchAsync(string query, CancellationToken ct)
    {
        var q = query.Trim();
        if (q.Length == 0) return [];
        var nct = Identifiers.NormalizeNct(q);
        var pmid = Identifiers.NormalizePmid(q);
        var doi = Identifiers.NormalizeDoi(q);
        var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

        var studies = await db.Studies.AsNoTracking()
            .WhereLike(db, s => (pmid != null && s.Pmid == pmid) || (doi != null && s.Doi == doi)
                || (nct != null && s.Trials.Any(t => t.NctId == nct))
                || EF.Functions.Like(s.Title, pattern, "\\") || EF.Functions.Like(s.Authors!, pattern, "\\")
                || EF.Functions.Like(s.ShortLabel!, pattern, "\\") || EF.Functions.Like(s.Journal!, pattern, "\\"))
            .OrderByDescending(s => s.Year).ThenBy(s => s.Title)
            .Take(MaxSearchResults)
            .Select(s => new { s.Id, s.Title, s.Authors, s.Year, s.Journal })
            .ToListAsync(ct);
        var trials = await db.Trials.AsNoTracking()
            .WhereLike(db, t => (nct != null && t.NctId == nct) || EF.Functions.Like(t.NctId, pattern, "\\")
                || EF.Functions.Like(t.Title!, pattern, "\\") || EF.Functions.Like(t.Sponsor!, pattern, "\\")
                || EF.Functions.Like(t.Intervention!, pattern, "\\"))
            .OrderBy(t => t.NctId)
            .Take(MaxSearchResults)
            .Select(t => new { t.Id, t.NctId, t.Title })
            .ToListAsync(ct);
        return
        [
            .. trials.Select(t => new EvidenceOption($"trial:{t.Id}", $"Trial {t.NctId}", t.Title ?? "", $"/trials/{t.Id}")),
            .. studies.Select(s => new EvidenceOption($"study:{s.Id}", s.Title, s.Journal ?? "", $"/studies/{s.Id}")),
        ];
    }

    private static string StudyLabel(string title, string? firstAuthor, int? year) =>
        firstAuthor is null ? title : $"{firstAuthor} {year}: {title}";
}

/// <summary>What the library looked like when an index was built; any change gives a different stamp.</summary>
public readonly record struct LibraryStamp(int Studies, DateTime? StudiesChanged, int Trials, DateTime? TrialsChanged, int Links);

/// <summary>Which embeddings the database holds: any new or recomputed one changes it.</summary>
public readonly record struct VectorStamp(int Count, DateTime? Latest);

/// <summary>Read on every request: the newest change-history id and the newest embedding id (primary-key lookups).</summary>
public readonly record struct LibraryGate(long LatestChange, int LatestEmbedding);

/// <summary>
/// Holds the latest evidence library for all requests (a singleton); one build at a time. The full stamps are read
/// only when the <see cref="LibraryGate"/> moved or the last full check is older than <see cref="RecheckAfter"/>.
/// What a request sees is one immutable holder (stamps, gate and library together), read once and replaced whole
/// with a volatile write: a reader never sees a new stamp beside an old library, and a library once handed out is
/// never changed (new embeddings go into a copy, <see cref="EvidenceLibrary.WithNewVectors"/>).
/// </summary>
public sealed class EvidenceLibraryCache(TimeProvider? clock = null) : IDisposable
{
    /// <summary>How long a full check of the stamps stands while the gate does not move.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(10);

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Entry? latest;

    private sealed record Entry(LibraryStamp Stamp, VectorStamp Vectors, EvidenceLibrary Library, LibraryGate Gate, long CheckedAt);

    public void Dispose() => gate.Dispose();

    /// <summary>The library last built or confirmed, without checking that it is still current; null before the first build.</summary>
    public EvidenceLibrary? Latest => Volatile.Read(ref latest)?.Library;

    public async Task<EvidenceLibrary> GetAsync(LibraryGate current, Func<CancellationToken, Task<(LibraryStamp Library, VectorStamp Vectors)>> stamps,
        Func<CancellationToken, Task<EvidenceLibrary>> build, Func<EvidenceLibrary, DateTime?, CancellationToken, Task> addVectors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(addVectors);
        if (Fresh(Volatile.Read(ref latest), current) is { } library) return library;
        await gate.WaitAsync(ct);
        try
        {
            // Only this block (one caller at a time) replaces the holder, so reading it once here is the state it changes.
            var held = Volatile.Read(ref latest);
            if (Fresh(held, current) is { } built) return built;
            var (stamp, vectors) = await stamps(ct);
            var checkedAt = clock.GetTimestamp();
            if (held is not null && held.Stamp == stamp)
            {
                if (held.Vectors == vectors) return Publish(held with { Gate = current, CheckedAt = checkedAt });

                // New embeddings only (a fill in progress): add them to a copy; fewer rows than before means some were removed: rebuild.
                if (vectors.Count >= held.Vectors.Count)
                {
                    var next = held.Library.WithNewVectors();
                    await addVectors(next, held.Vectors.Latest, ct);
                    return Publish(new Entry(stamp, vectors, next, current, checkedAt));
                }
            }
            var rebuilt = Publish(new Entry(stamp, vectors, await build(ct), current, checkedAt));
            ReturnBuildMemory();
            return rebuilt;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A build leaves the rows it streamed and its growing buffers behind, most of them on the large object heap, which
    /// only a full collection frees and which is not compacted by default: at 70,000 records about 75 MB beside the
    /// 60 MB the library keeps, held until the next full collection, which a quiet web app may not see for hours. One
    /// blocking collection that compacts and gives the memory back to the system (tens of milliseconds, once per
    /// build) keeps the process's memory what the library needs.
    /// </summary>
    private static void ReturnBuildMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private EvidenceLibrary Publish(Entry entry)
    {
        Volatile.Write(ref latest, entry);
        return entry.Library;
    }

    private EvidenceLibrary? Fresh(Entry? entry, LibraryGate current) =>
        entry is not null && entry.Gate == current && clock.GetElapsedTime(entry.CheckedAt) < RecheckAfter ? entry.Library : null;
}
